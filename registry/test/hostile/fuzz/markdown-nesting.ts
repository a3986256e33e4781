/**
 * Generator of Markdown nested in every way marked recurses on (quotes, lists, emphasis,
 * strong, links, brackets, code, mixed, up to thousands of levels) and the property: the
 * shared renderer (`markdown/render-markdown.ts`, what the validator and the catalog both
 * run) returns HTML or refuses with a `MarkdownError` (`too-deep`), never a stack overflow
 * or another exception. Imports nothing from vitest, so `scripts/fuzz.ts` can run it.
 */
import fc from "fast-check";
import { MarkdownError } from "../../../src/errors/markdown-error.ts";
import { renderMarkdown } from "../../../src/markdown/render-markdown.ts";
import { fuzzTarget, type FuzzTarget } from "../fuzz-target.ts";

/** One way of nesting: the text opening and closing one level around `inner`. */
const WRAPPERS: readonly ((inner: string, level: number) => string)[] = [
  (inner) => `> ${inner}`,
  (inner, level) => `${" ".repeat(level * 2)}- ${inner}`,
  (inner) => `*${inner}*`,
  (inner) => `**${inner}**`,
  (inner) => `_${inner}_`,
  (inner) => `~~${inner}~~`,
  (inner) => `[${inner}](https://example.org)`,
  (inner) => `[${inner}]`,
  (inner) => `(${inner})`,
  (inner) => `\`${inner}\``,
  (inner) => `1. ${inner}`,
  (inner) => `${inner}\n`,
];

/** Arbitrary nested Markdown: a leaf wrapped level by level, shallow most of the time, up to 5,000 levels. */
export function nestedMarkdownArbitrary(): fc.Arbitrary<string> {
  const depth = fc.oneof(
    { arbitrary: fc.integer({ min: 0, max: 40 }), weight: 4 },
    { arbitrary: fc.integer({ min: 41, max: 5000 }), weight: 1 },
  );
  return fc
    .record({
      depth,
      wrappers: fc.array(fc.integer({ min: 0, max: WRAPPERS.length - 1 }), { minLength: 1, maxLength: 4 }),
      leaf: fc.string({ maxLength: 8 }),
      tail: fc.constantFrom("", "\n\ntext", "\n- item"),
    })
    .map(({ depth: levels, wrappers, leaf, tail }) => {
      let text = leaf || "x";
      for (let level = 0; level < levels && text.length < 32_768; level++)
        text = (WRAPPERS[wrappers[level % wrappers.length] ?? 0] ?? WRAPPERS[0]!)(text, level);
      return `${text}${tail}`;
    });
}

/** Renders one text; throws on anything but HTML or a `MarkdownError`. */
export function renderOrRefuse(markdown: string): { html?: string; refused?: MarkdownError } {
  try {
    return { html: renderMarkdown(markdown) };
  } catch (cause) {
    if (cause instanceof MarkdownError) return { refused: cause };
    throw new Error(`renderMarkdown threw ${(cause as Error).name}: ${(cause as Error).message}`);
  }
}

/** The Markdown-nesting target for `npm run fuzz` and `fuzz.test.ts`. */
export const markdownFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "markdown",
    "Markdown nested up to 5,000 levels (quotes, lists, emphasis, links, code): the shared renderer gives HTML or MarkdownError, never a stack overflow",
    { cost: 2, ciRuns: 100 },
    () => fc.property(nestedMarkdownArbitrary(), (markdown) => void renderOrRefuse(markdown)),
  ),
];
