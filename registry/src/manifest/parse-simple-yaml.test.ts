import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMap, isScalar, isSeq, parseDocument, stringify } from "yaml";
import { parseSimpleYaml } from "./parse-simple-yaml.ts";
import { parseYamlFully, simpleParsedYaml, YAML_PARSE_OPTIONS } from "./parse-yaml.ts";

const REPO = path.resolve(import.meta.dirname, "../../..");

/** What the full parser makes of `text`: its data when it reports nothing, else "problem". */
function fullParse(text: string): { data: unknown } | "problem" {
  const doc = parseDocument(text, YAML_PARSE_OPTIONS);
  if (doc.errors.length > 0 || doc.warnings.length > 0 || hasNonStringKey(doc.contents)) return "problem";
  return { data: doc.toJS({ maxAliasCount: 50 }) };
}

function hasNonStringKey(node: unknown): boolean {
  if (isMap(node)) return node.items.some((pair) => !isScalar(pair.key) || typeof pair.key.value !== "string" || hasNonStringKey(pair.value));
  return isSeq(node) && node.items.some(hasNonStringKey);
}

/** Every path into `data`, plus a missing child of each mapping and an index past each list's end. */
function pathsOf(data: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(data)) {
    data.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
    paths.push([...prefix, data.length], [...prefix, "x"]);
  } else if (typeof data === "object" && data !== null) {
    for (const [key, value] of Object.entries(data)) paths.push(...pathsOf(value, [...prefix, key]));
    paths.push([...prefix, "missing"], [...prefix, 0]);
  } else {
    paths.push([...prefix, "below"]);
  }
  return paths;
}

/**
 * The fast path's promise: it gives up, or it gives exactly the full parser's data for a
 * text the full parser accepts, and the same position for every path.
 */
function expectAgreement(text: string): boolean {
  const fast = parseSimpleYaml(text);
  if (fast === undefined) return false;
  const full = fullParse(text);
  expect(full, text).not.toBe("problem");
  expect(fast.data, text).toStrictEqual((full as { data: unknown }).data);
  const fastParsed = simpleParsedYaml("a.yaml", fast.data, fast.positions);
  const fullParsed = parseYamlFully("a.yaml", text);
  for (const path of pathsOf(fast.data)) {
    expect(fastParsed.locate(path), `${text}\nlocate ${JSON.stringify(path)}`).toEqual(fullParsed.locate(path));
    expect(fastParsed.locateKey(path), `${text}\nlocateKey ${JSON.stringify(path)}`).toEqual(fullParsed.locateKey(path));
  }
  return true;
}

const APP = `# yaml-language-server: $schema=../../schema/app.schema.json
id: harbor
name: { en: Harbor, zh-CN: Harbor 镜像仓库 }
summary:
  en: Trusted registry   # a comment
description:
  en: |
    Harbor stores images.

    ## Features
    - signs: "yes"
      # not a comment
categories: [developer-tools, security]
keywords: []
publisher: { name: The Harbor project, url: "https://goharbor.io" }
maintainers:
  - wy65701436
  - 'it''s'
screenshots:
  - url: https://example.org/a.png
    caption:
      en: A
  - url: https://example.org/b.png
size: 54222
ok: true
status: active
`;

describe("parseSimpleYaml", () => {
  it("reads the plain subset manifests are written in, as the full parser does", () => {
    expect(expectAgreement(APP)).toBe(true);
    expect(parseSimpleYaml(APP)?.data).toMatchObject({ name: { en: "Harbor", "zh-CN": "Harbor 镜像仓库" }, size: 54222, ok: true, maintainers: ["wy65701436", "it's"] });
  });

  it("takes the fast path for every manifest of the sample registry, with the same data", () => {
    const yamlFiles = readdirSync(path.join(REPO, "apps"), { recursive: true, encoding: "utf8" }).filter((f) => f.endsWith(".yaml"));
    const manifests = yamlFiles.filter((f) => /^[^/]+\/(app\.yaml|versions\/[^/]+\/[^/]+\.yaml)$/.test(f));
    expect(manifests.length).toBeGreaterThan(10);
    for (const file of [...manifests.map((f) => path.join(REPO, "apps", f)), path.join(REPO, "schema/categories.yaml")]) {
      expect(expectAgreement(readFileSync(file, "utf8")), file).toBe(true);
    }
    // Other YAML there (in-repo Compose artifacts) may take either path, with the same data.
    for (const file of yamlFiles) expectAgreement(readFileSync(path.join(REPO, "apps", file), "utf8"));
  });

  it.each([
    ["anchors and aliases", "a: &x 1\nb: *x\n"],
    ["tags", "a: !!str 1\n"],
    ["duplicate keys", "a: 1\na: 2\n"],
    ["non-string keys", "1: a\n"],
    ["null keys", "null: a\n"],
    ["folded scalars", "a: >\n  x\n"],
    ["kept scalars", "a: |+\n  x\n\n"],
    ["multi-line plain scalars", "a: x\n  y\n"],
    ["multi-line quoted scalars", "a: \"x\n  y\"\n"],
    ["escapes", 'a: "x\\ty"\n'],
    ["tabs", "a:\tx\n"],
    ["CRLF", "a: x\r\n"],
    ["a BOM", "\ufeffa: x\n"],
    ["document markers", "---\na: x\n"],
    ["a missing final newline", "a: x"],
    ["sequences at the key's indentation", "a:\n- x\n"],
    ["nested flow collections", "a: [x, [y]]\n"],
    ["nested mappings on one line", "a: b: c\n"],
    ["a top-level sequence", "- a\n"],
    ["an empty document", "# nothing\n"],
    ["keys that name Object.prototype members", "constructor: x\n"],
    ["literal scalars starting with a blank line", "a: |\n\n  x\n"],
    ["a trailing comma", "a: [x, ]\n"],
    ["empty values", "a:\nb: 1\n"],
    ["an empty value at the end", "a: 1\nb: # nothing\n"],
  ])("leaves %s to the full parser", (_name, text) => {
    expect(parseSimpleYaml(text)).toBeUndefined();
  });

  it.each([
    ["core-schema numbers", "a: 1.10\nb: -0\nc: 0x1F\nd: 0o17\ne: .inf\nf: .NaN\ng: 1e3\nh: +5\n"],
    ["core-schema booleans and nulls, YAML 1.1 words as strings", "a: yes\nb: True\nc: ~\nd: Null\ne: off\nf: 2025-01-02\n"],
    ["literal scalars with blank lines and strip chomping", "a: |-\n  x\n\n  y\n\n\nb: |\n    deep\n  # more\n"],
    ["quotes inside plain scalars and hashes without a space", "a: it's \"x\"#1\nb: x:y\n"],
    ["flow collections with quoted commas", "a: [\"x, y\", 'z', 3]\nb: {k: \"v, w\", n: 1}\n"],
    ["sequences of sequences", "a:\n  - - x\n"],
  ])("agrees with the full parser on %s", (_name, text) => {
    expectAgreement(text);
  });

  const key = fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,8}$/);
  const tricky = fc.constantFrom("yes", "no", "null", "~", "true", "1.10", "0x1F", "-1", "- x", "# x", "a: b", "a #b", ":", "|", ">", "'", '"', "*a", "&a", "!t", "[x]", "{x}", " x ", "x\ny", "x\n\ny\n", "\n", "  indented\nline\n", "é 镜像", "x\t");
  /** Words as manifests hold them: no leading or trailing space, some punctuation YAML cares about. */
  const words = fc.stringMatching(/^[a-z0-9]([a-z0-9 .,:\/#'"()!*&|>@%?=+-]{0,22}[a-z0-9.)])?$/);
  const markdown = fc.array(fc.oneof(words, fc.constant("")), { minLength: 1, maxLength: 5 }).map((lines) => `${lines.join("\n").trim()}\n`);
  const plainish = fc.oneof({ weight: 6, arbitrary: words }, { weight: 2, arbitrary: markdown }, fc.integer(), fc.boolean(), { weight: 1, arbitrary: tricky });
  const manifestLike = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, { weight: 4, arbitrary: plainish }, tie("list"), tie("map")),
    list: fc.array(fc.oneof({ weight: 3, arbitrary: plainish }, tie("map")), { minLength: 1, maxLength: 4 }),
    map: fc.dictionary(key, tie("value"), { minKeys: 1, maxKeys: 5 }),
  })).value;
  const manifest = fc.dictionary(key, manifestLike, { minKeys: 1, maxKeys: 8 });
  const anything = fc.oneof(fc.string(), tricky, fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
  const anyValue = fc.letrec((tie) => ({
    value: fc.oneof({ depthSize: "small", withCrossShrink: true }, { weight: 3, arbitrary: anything }, tie("list"), tie("map")),
    list: fc.array(tie("value"), { maxLength: 4 }),
    map: fc.dictionary(key, tie("value"), { maxKeys: 5 }),
  })).value;
  const anyDocument = fc.dictionary(key, anyValue, { minKeys: 1, maxKeys: 6 });
  const options = fc.record({
    indentSeq: fc.boolean(),
    lineWidth: fc.constantFrom(0, 20, 80),
    collectionStyle: fc.constantFrom("any", "block", "flow") as fc.Arbitrary<"any" | "block" | "flow">,
    defaultStringType: fc.constantFrom("PLAIN", "QUOTE_DOUBLE", "QUOTE_SINGLE", "BLOCK_LITERAL") as fc.Arbitrary<"PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE" | "BLOCK_LITERAL">,
  });

  it("agrees with the full parser on manifest-like documents, taking the fast path for most", () => {
    let taken = 0;
    fc.assert(fc.property(manifest, (data) => void (expectAgreement(stringify(data, { lineWidth: 0 })) && taken++)), { numRuns: 2000 });
    // The comparison has teeth only if the fast path takes most of them.
    expect(taken).toBeGreaterThan(1000);
  });

  it("agrees with the full parser on any document yaml writes, in any style (or gives up)", () => {
    fc.assert(fc.property(anyDocument, options, (data, style) => void expectAgreement(stringify(data, style))), { numRuns: 2000 });
  });

  it("agrees with the full parser on mutated documents (or gives up)", () => {
    let taken = 0;
    const edit = fc.record({ at: fc.nat(), char: fc.constantFrom(" ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "'", '"', "|", ">", "[", "]", "{", "}", ",", "&", "*", "!", "?", "%", "@", "x", "1", ".", "~") });
    fc.assert(
      fc.property(manifest, fc.array(edit, { minLength: 1, maxLength: 3 }), fc.boolean(), (data, edits, cut) => {
        let text = stringify(data, { lineWidth: 0 });
        for (const { at, char } of edits) {
          const i = at % (text.length + 1);
          text = cut ? text.slice(0, i) + text.slice(i + 1) + (text.endsWith("\n") ? "" : "\n") : text.slice(0, i) + char + text.slice(i);
        }
        if (expectAgreement(text)) taken++;
      }),
      { numRuns: 4000 },
    );
    expect(taken).toBeGreaterThan(400);
  });
});
