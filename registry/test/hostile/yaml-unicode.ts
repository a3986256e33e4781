/**
 * Generators of YAML with Unicode whitespace, line-break, format and control characters
 * (issue 13, class 12), and the differential properties that hold Appshelf's YAML reading
 * (`parseYaml`: `yaml` plus our key-type check, alias cap and position lookup) to `yaml`
 * itself. Imports nothing from vitest, so `npm run fuzz` can run it.
 */
import fc from "fast-check";
import { parseDocument } from "yaml";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import { locateInTable, locateInTableText } from "../../src/manifest/position-table.ts";
import { fuzzTarget, type FuzzTarget } from "./fuzz-target.ts";

const range = (from: number, to: number) =>
  Array.from({ length: to - from + 1 }, (_, i) => String.fromCodePoint(from + i));

/** Unicode space separators (Zs): `trim()` strips them all, YAML only U+0020 (and tab). */
export const UNICODE_SPACES = [" ", "\u00a0", "\u1680", ...range(0x2000, 0x200a), "\u202f", "\u205f", "\u3000"];
/** Line breaks: YAML 1.2's three, and those it reads as content (NEL, LS, PS). */
export const LINE_BREAKS = ["\n", "\r\n", "\r", "\u0085", "\u2028", "\u2029"];
/** Format characters (Cf) that render as nothing: zero-width, bidi, byte order mark, soft hyphen. */
export const FORMAT_CHARACTERS = [
  "\u00ad",
  ...range(0x200b, 0x200f),
  ...range(0x202a, 0x202e),
  "\u2060",
  ...range(0x2066, 0x2069),
  "\ufeff",
];
/** C0 and C1 controls and DEL, tab, vertical tab and form feed among them. */
export const CONTROL_CHARACTERS = [...range(0x00, 0x1f), ...range(0x7f, 0x9f)];
/** Every character above: what a `trim`, a `\s` or a `split("\n")` may read differently from `yaml`. */
export const UNICODE_TRICKY = [
  ...new Set([...UNICODE_SPACES, ...LINE_BREAKS, ...FORMAT_CHARACTERS, ...CONTROL_CHARACTERS]),
];

/** The manifest options, written out here (not imported), so a change to parse-yaml.ts's options is a difference. */
const REFERENCE_OPTIONS = {
  schema: "core",
  uniqueKeys: true,
  strict: true,
  prettyErrors: false,
  merge: false,
  resolveKnownTags: false,
} as const;

const tricky = fc.constantFrom(...UNICODE_TRICKY);
const sometimes = (arb: fc.Arbitrary<string>) =>
  fc.oneof({ weight: 6, arbitrary: fc.constant("") }, { weight: 1, arbitrary: arb });
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const text = fc.oneof(word, fc.constantFrom("你好", "Harbor", "1.10", "yes", "~", "null", "0x1f", "-", "#", "a b"));

/** A scalar as a manifest writes one: plain, single- or double-quoted, with tricky characters at its ends or inside. */
const scalar = fc
  .tuple(fc.constantFrom("plain", "single", "double"), text, sometimes(tricky), sometimes(tricky), sometimes(tricky))
  .map(([style, value, before, inside, after]) => {
    const body = `${before}${value}${inside}${value.length > 1 ? value.slice(1) : ""}`;
    if (style === "single") return `'${body}'${after}`;
    if (style === "double") return `"${body}"${after}`;
    return `${body}${after}`;
  });

/** One line of a block mapping (or a nested one, a list, a flow sequence), with tricky characters in indentation and separators. */
const entry = fc
  .tuple(
    word,
    sometimes(tricky),
    sometimes(tricky),
    fc.constantFrom("scalar", "flow", "nested", "list"),
    fc.array(scalar, { minLength: 1, maxLength: 3 }),
    sometimes(tricky),
    fc.constantFrom(...LINE_BREAKS, "\n", "\n", "\n"),
  )
  .map(([key, indent, afterColon, shape, values, nestedIndent, lineBreak]) => {
    const head = `${indent}${key}:${afterColon}`;
    if (shape === "scalar") return `${head} ${values[0]}${lineBreak}`;
    if (shape === "flow") return `${head} [${values.join(", ")}]${lineBreak}`;
    if (shape === "nested")
      return `${head}${lineBreak}${values.map((v, i) => `${nestedIndent}  k${i}: ${v}\n`).join("")}`;
    return `${head}${lineBreak}${values.map((v) => `${nestedIndent}  - ${v}\n`).join("")}`;
  });

/** A manifest-like YAML document with Unicode whitespace, line breaks, format and control characters anywhere a hand-written reader would trim or split. */
export function unicodeWhitespaceYaml(): fc.Arbitrary<string> {
  return fc
    .tuple(
      sometimes(fc.constantFrom("\ufeff", "# c\u00a0\n", "---\n")),
      fc.array(entry, { minLength: 1, maxLength: 6 }),
      sometimes(tricky),
    )
    .map(([lead, lines, tail]) => `${lead}${lines.join("")}${tail}`);
}

/** `line` and `column` (1-based, as `yaml`'s LineCounter counts: lines end at `\n`) as an offset into `source`. */
function offsetOf(source: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) offset = source.indexOf("\n", offset) + 1;
  return offset + column - 1;
}

/** Every path into `data`, and beside each a missing key, an index past the end and odd spellings of an index. */
function pathsOf(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths: (string | number)[][] = [
    prefix,
    [...prefix, "missing"],
    [...prefix, 99],
    [...prefix, "01"],
    [...prefix, -1],
    [...prefix, ""],
  ];
  if (Array.isArray(data)) data.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (typeof data === "object" && data !== null)
    for (const [k, v] of Object.entries(data)) paths.push(...pathsOf(v, [...prefix, k]));
  return paths;
}

/**
 * The differential property: `parseYaml` reads exactly what `yaml` reads, errors included
 * (an error or warning from `yaml` is a diagnostic and no data; otherwise the same data),
 * every top-level key it locates is written at that line and column of the source, and
 * the position table a cache or thread hands on answers every path (present, missing, odd
 * indices) exactly as `yaml`'s nodes do.
 */
export function yamlUnicodeProperty(): fc.IProperty<[string]> {
  return fc.property(unicodeWhitespaceYaml(), (source) => {
    const reference = parseDocument(source, REFERENCE_OPTIONS);
    const ours = parseYaml("apps/fuzz/app.yaml", source);
    const shown = JSON.stringify(source);
    if (reference.errors.length + reference.warnings.length > 0) {
      if (ours.data !== undefined || ours.diagnostics.length === 0)
        throw new Error(
          `${shown}: yaml reports ${reference.errors[0]?.code ?? reference.warnings[0]?.code}, parseYaml gave data`,
        );
      return;
    }
    if (ours.diagnostics.some((d) => d.ruleId !== "yaml/key-type"))
      throw new Error(`${shown}: yaml reads it, parseYaml reports ${ours.diagnostics[0]?.message}`);
    if (ours.data === undefined) return;
    const expected = JSON.stringify(reference.toJS());
    if (JSON.stringify(ours.data) !== expected)
      throw new Error(`${shown}: yaml reads ${expected}, parseYaml ${JSON.stringify(ours.data)}`);
    const table = ours.positions;
    if (!table) throw new Error(`${shown}: parsed without a position table`);
    for (const p of pathsOf(ours.data)) {
      for (const key of [false, true]) {
        const direct = key ? ours.locateKey(p) : ours.locate(p);
        // Decoded, and searched in the table's text (how a restored manifest is first located).
        for (const fromTable of [locateInTable(table, p, key), locateInTableText(table, p, key)]) {
          if (direct.line !== fromTable.line || direct.column !== fromTable.column) {
            throw new Error(
              `${shown}: ${key ? "locateKey" : "locate"}(${JSON.stringify(p)}) is ${direct.line}:${direct.column} from yaml's nodes but ${fromTable.line}:${fromTable.column} from the position table`,
            );
          }
        }
      }
    }
    if (typeof ours.data !== "object" || ours.data === null || Array.isArray(ours.data)) return;
    for (const key of Object.keys(ours.data)) {
      const { line, column } = ours.locateKey([key]);
      const at = offsetOf(source, line ?? 1, column ?? 1);
      if (!source.startsWith(key, at))
        throw new Error(
          `${shown}: key ${JSON.stringify(key)} located at ${line}:${column}, where the source reads ${JSON.stringify(source.slice(at, at + key.length + 2))}`,
        );
    }
  });
}

/** The target for `npm run fuzz` and `fuzz.test.ts`. */
export const yamlUnicodeFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "yaml-unicode",
    "parseYaml against yaml on documents with every Unicode space, line break, format and control character: same data, errors and key positions; the position table against yaml's nodes",
    { cost: 1, ciRuns: 500 },
    yamlUnicodeProperty,
  ),
];
