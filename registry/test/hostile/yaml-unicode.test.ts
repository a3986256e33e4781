import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import {
  LINE_BREAKS,
  UNICODE_SPACES,
  UNICODE_TRICKY,
  unicodeWhitespaceYaml,
  yamlUnicodeProperty,
} from "./yaml-unicode.ts";

/**
 * The YAML fast path is gone (issue 13, class 12): `parseYaml` is `yaml`, so the validator
 * reads exactly what `yaml` reads. Held by a differential property on generated documents
 * with every Unicode space, line break, format and control character, and by the four
 * differences the review found, pinned.
 */
describe("YAML: the validator reads what yaml reads, Unicode whitespace included", () => {
  it("agrees with yaml on generated documents: data, errors and key positions (seed 13, 800 cases)", () => {
    fc.assert(yamlUnicodeProperty(), { seed: 13, numRuns: 800 });
  });

  it("the generator reaches every Unicode space and line break", () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(unicodeWhitespaceYaml(), (doc) => void [...doc].forEach((c) => seen.add(c))),
      { seed: 13, numRuns: 3000 },
    );
    expect([...UNICODE_SPACES, ...LINE_BREAKS.filter((b) => b !== "\r\n")].filter((c) => !seen.has(c))).toEqual([]);
    expect(UNICODE_TRICKY.filter((c) => !seen.has(c)).length).toBeLessThan(UNICODE_TRICKY.length / 10);
  });

  it.each([
    ["an ideographic space at the end of a plain scalar is kept", "zh: 你好\u3000\n", { zh: "你好\u3000" }],
    ["a no-break space in a flow sequence is kept", "k: [x\u00a0, y]\n", { k: ["x\u00a0", "y"] }],
    ["a no-break space is not indentation", "a:\n\u00a0 b: 1\n", { a: null, "\u00a0 b": 1 }],
  ])("%s", (_name, source, data) => {
    expect(parseYaml("apps/x/app.yaml", source)).toMatchObject({ data, diagnostics: [] });
  });

  it("a no-break space after a quoted scalar is an error, as in yaml", () => {
    const parsed = parseYaml("apps/x/app.yaml", 'k: "a"\u00a0\n');
    expect(parsed.data).toBeUndefined();
    expect(parsed.diagnostics).toMatchObject([{ ruleId: "yaml/syntax", line: 1 }]);
  });
});
