import { describe, expect, it } from "vitest";
import { MAX_MANIFEST_BYTES, parseYaml } from "./parse-yaml.ts";

describe("parseYaml", () => {
  it("uses the YAML 1.2 core schema: yes/no and dates stay strings, 1.10 is a number", () => {
    const { data, diagnostics } = parseYaml(
      "a.yaml",
      "flag: yes\nreleased: 2025-01-02\nversion: 1.10\nquoted: '1.10'\n",
    );
    expect(diagnostics).toEqual([]);
    expect(data).toEqual({ flag: "yes", released: "2025-01-02", version: 1.1, quoted: "1.10" });
  });

  it("locates values and keys by path, and a missing path at its nearest parent", () => {
    const parsed = parseYaml("a.yaml", "a: 1\nlist:\n  - x\n  - name: y\n");
    expect(parsed.locate(["list", 1, "name"])).toEqual({ line: 4, column: 11 });
    expect(parsed.locateKey(["list", 1, "name"])).toEqual({ line: 4, column: 5 });
    expect(parsed.locate(["list", 1, "missing"])).toEqual({ line: 4, column: 5 });
  });

  it.each([
    ["duplicate keys", "a: 1\nb: 2\na: 3\n", "yaml/duplicate-key", 3],
    ["unknown tags", "a: !shell rm -rf /\n", "yaml/unknown-tag", 1],
    ["YAML 1.1 tags the core schema lacks", "a: !!binary aGk=\n", "yaml/unknown-tag", 1],
    ["non-string keys", "a:\n  [1, 2]: x\n", "yaml/key-type", 2],
    ["syntax errors (reported where the quote should close)", "a: 'open\n", "yaml/syntax", 2],
  ])("rejects %s with file and line", (_name, text, ruleId, line) => {
    const { data, diagnostics } = parseYaml("apps/x/app.yaml", text);
    expect(data).toBeUndefined();
    expect(diagnostics[0]).toMatchObject({ ruleId, file: "apps/x/app.yaml", line, severity: "error" });
  });

  it("stops alias bombs", () => {
    const bomb = [
      "a: &a [x, x, x, x, x, x, x, x, x, x]",
      ...Array.from(
        { length: 8 },
        (_, i) => `${"bcdefghi"[i]}: &${"bcdefghi"[i]} [${Array(10).fill(`*${"abcdefgh"[i]}`).join(", ")}]`,
      ),
    ].join("\n");
    expect(parseYaml("bomb.yaml", bomb).diagnostics[0]?.ruleId).toBe("yaml/aliases");
  });

  it("refuses manifests over the size limit before parsing", () => {
    const { diagnostics } = parseYaml("big.yaml", `a: "${"x".repeat(MAX_MANIFEST_BYTES)}"\n`);
    expect(diagnostics[0]).toMatchObject({ ruleId: "yaml/too-large" });
  });
});
