import { Marked, type Token, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "../report/escape-html.ts";
import { MarkdownError } from "../errors/markdown-error.ts";

/** The error {@link renderMarkdown} throws (defined in `errors/`). */
export { MarkdownError };

/**
 * Deepest nesting of Markdown blocks and inlines accepted (a quote in a list in a quote …
 * counts each level). Real descriptions nest 3–4 levels; marked recurses once or more per
 * level, so 30,000 `>` overflow its stack (and the catalog build with it), and deeply
 * nested lists cost it time quadratic in the depth. 32 leaves room for any real text.
 */
export const MAX_MARKDOWN_DEPTH = 32;

/** Markdown from app manifests: GFM, raw HTML shown as text, images shown as their alt text. */
const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) =>
      "block" in token && token.block ? `<p>${escapeHtml(token.text)}</p>` : escapeHtml(token.text),
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

const SAFE_HREF = /^(https?:|mailto:)/i;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p",
    "br",
    "hr",
    "strong",
    "b",
    "em",
    "i",
    "del",
    "s",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h2",
    "h3",
    "h4",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "a",
    "span",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    h1: "h2",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? "";
      return SAFE_HREF.test(href)
        ? { tagName, attribs: { href, rel: "nofollow noopener" } }
        : { tagName: "span", attribs: {} };
    },
  },
};

/**
 * Checks that a Markdown text can be rendered by {@link renderMarkdown}: its nesting, first
 * estimated from the line prefixes (`>` markers and indentation, linear, before marked
 * runs) then measured on marked's own tokens, is at most {@link MAX_MARKDOWN_DEPTH}, and
 * rendering it does not throw. The validator calls this on every description and changelog
 * (`validate/rules/markdown-renders.ts`) and the catalog renders through the same function,
 * so what validates is what the site can build.
 *
 * @returns the sanitized HTML
 * @throws MarkdownError `too-deep` (the depth found is in the message) or `unrenderable`
 */
export function renderMarkdown(markdown: string): string {
  const estimate = Math.max(deepestLinePrefix(markdown), deepestInlineRun(markdown));
  if (estimate > 2 * MAX_MARKDOWN_DEPTH) throw tooDeep(estimate);
  let html: string;
  try {
    const tokens = marked.lexer(markdown);
    const depth = tokenDepth(tokens);
    if (depth > MAX_MARKDOWN_DEPTH) throw tooDeep(depth);
    html = marked.parser(tokens);
  } catch (cause) {
    if (cause instanceof MarkdownError) throw cause;
    if (cause instanceof RangeError)
      throw new MarkdownError("too-deep", `the Markdown nests too deeply to render (${cause.message})`);
    throw new MarkdownError("unrenderable", `the Markdown cannot be rendered: ${(cause as Error).message}`);
  }
  return sanitizeHtml(html, sanitizeOptions);
}

function tooDeep(depth: number): MarkdownError {
  return new MarkdownError(
    "too-deep",
    `the Markdown nests ${depth} levels deep (each quote, list, list item, emphasis and link inside another counts one); at most ${MAX_MARKDOWN_DEPTH} are rendered`,
  );
}

/**
 * The most container markers at the start of a line, estimated in one linear pass: each
 * `>` counts one, and on a line that is a list item (`-`, `*`, `+`, `1.` after the
 * indentation) each two columns of indentation count one. Only a cheap guard against
 * texts marked would choke on: the limit here is twice {@link MAX_MARKDOWN_DEPTH}, the
 * exact depth is measured on marked's tokens.
 */
function deepestLinePrefix(markdown: string): number {
  let deepest = 0;
  for (const line of markdown.split("\n")) {
    let depth = 0;
    let columns = 0;
    let at = 0;
    for (; at < line.length; at++) {
      const char = line[at];
      if (char === ">") depth++;
      else if (char === " ") columns++;
      else if (char === "\t") columns += 4;
      else break;
    }
    const listItem = /^(?:[-*+]|\d{1,9}[.)])(?:\s|$)/.test(line.slice(at));
    deepest = Math.max(deepest, depth + (listItem ? Math.floor(columns / 2) : 0));
  }
  return deepest;
}

/**
 * Inline nesting estimated in one linear pass (an over-estimate, never an under-estimate
 * of what marked would build): `[` and `(` open and `]` and `)` close one level; a run of
 * `*`, `_` or `~` opens as many levels as its length when followed by a non-space and
 * preceded by a space or the start of a line, and closes as many otherwise.
 */
function deepestInlineRun(markdown: string): number {
  let deepest = 0;
  let depth = 0;
  for (let at = 0; at < markdown.length; at++) {
    const char = markdown[at] ?? "";
    if (char === "\n") depth = markdown[at + 1] === "\n" ? 0 : depth;
    else if (char === "[" || char === "(") depth++;
    else if (char === "]" || char === ")") depth = Math.max(0, depth - 1);
    else if (char === "*" || char === "_" || char === "~") {
      let end = at;
      while (markdown[end + 1] === char) end++;
      const length = end - at + 1;
      const before = markdown[at - 1] ?? " ";
      const after = markdown[end + 1] ?? " ";
      if (/\s/.test(before) && !/\s/.test(after)) depth += length;
      else depth = Math.max(0, depth - length);
      at = end;
    }
    deepest = Math.max(deepest, depth);
  }
  return deepest;
}

/** Deepest nesting of marked's token tree (children in `tokens`, list `items`, table cells), walked without recursion. */
function tokenDepth(tokens: readonly Token[]): number {
  let deepest = 0;
  const stack: { tokens: readonly Token[]; depth: number }[] = [{ tokens, depth: 1 }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    deepest = Math.max(deepest, next.depth);
    for (const token of next.tokens) {
      const children: Token[] = [];
      if ("tokens" in token && Array.isArray(token.tokens)) children.push(...(token.tokens as Token[]));
      if (token.type === "list") children.push(...(token as Tokens.List).items);
      if (token.type === "table") {
        const table = token as Tokens.Table;
        for (const cell of [...table.header, ...table.rows.flat()]) children.push(...cell.tokens);
      }
      if (children.length > 0) stack.push({ tokens: children, depth: next.depth + 1 });
    }
  }
  return deepest;
}
