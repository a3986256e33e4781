import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/report/diagnostic.ts";
import { annotateDiagnostics, type AnnotationSink } from "../../src/report/annotate.ts";
import { toPrResult } from "../../src/report/pr-result.ts";
import { writePrSummary, type SummaryBuilder, type SummaryCell } from "../../src/report/write-pr-summary.ts";

const diagnostics: Diagnostic[] = [
  { ruleId: "pr/near-duplicate-id", severity: "error", file: "apps/<x>/app.yaml", line: 2, column: 5, message: "id '<script>' & co", hint: "rename it" },
  { ruleId: "pr/registry-change", severity: "warning", file: "schema/app.schema.json", message: "registry change" },
];
const result = toPrResult(
  { kinds: ["new-app", "registry-change"], apps: [{ id: "<x>", kinds: ["new-app"], versions: [] }], registryFiles: ["schema/app.schema.json"], diagnostics },
  { base: { ref: "main", sha: "a".repeat(40) }, head: { ref: "HEAD", sha: "b".repeat(40) }, mergeBase: "a".repeat(40), author: undefined, validated: { apps: 1, versions: 0 }, diagnostics },
);

describe("pull-request reports", () => {
  it("the result says not ok on errors, and null when no author was given", () => {
    expect(result).toMatchObject({ ok: false, author: null, counts: { errors: 1, warnings: 1 }, versions: [] });
  });

  it("annotations carry file, line, column and the rule id as title; the hint follows the message", () => {
    const calls: unknown[] = [];
    const sink: AnnotationSink = { error: (m, p) => calls.push(["error", m, p]), warning: (m, p) => calls.push(["warning", m, p]) };
    annotateDiagnostics(diagnostics, sink);
    expect(calls).toEqual([
      ["error", "id '<script>' & co\nhint: rename it", { title: "pr/near-duplicate-id", file: "apps/<x>/app.yaml", startLine: 2, startColumn: 5 }],
      ["warning", "registry change", { title: "pr/registry-change", file: "schema/app.schema.json" }],
    ]);
  });

  it("the job summary escapes text, since table cells are raw HTML", async () => {
    const tables: SummaryCell[][][] = [];
    const raw: string[] = [];
    const fake: SummaryBuilder = {
      addHeading: () => fake,
      addRaw: (text) => (raw.push(text), fake),
      addTable: (rows) => (tables.push(rows), fake),
      write: async () => fake,
    };
    await writePrSummary(result, fake);
    expect(raw).toEqual(["<p>Change kinds: new-app, registry-change. 1 error, 1 warning.</p>"]);
    expect(tables[0]?.slice(1)).toEqual([
      ["&lt;x&gt;", "-", "new-app", "1 error, 0 warnings"],
      ["outside apps/", "schema/app.schema.json", "registry-change", "0 errors, 1 warning"],
    ]);
    expect(tables[1]?.[1]).toEqual(["error", "pr/near-duplicate-id", "apps/&lt;x&gt;/app.yaml:2", "id '&lt;script&gt;' &amp; co (hint: rename it)"]);
  });
});
