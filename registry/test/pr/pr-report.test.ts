import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../src/report/diagnostic.ts";
import { annotateDiagnostics, type AnnotationSink } from "../../src/report/annotate.ts";
import { formatPrText } from "../../src/check-pr/format-pr-text.ts";
import { toPrResult } from "../../src/check-pr/pr-result.ts";
import { writePrSummary } from "../../src/check-pr/write-pr-summary.ts";
import type { SummaryBuilder, SummaryCell } from "../../src/report/summary-builder.ts";

const diagnostics: Diagnostic[] = [
  {
    ruleId: "pr/near-duplicate-id",
    severity: "error",
    file: "apps/<x>/app.yaml",
    line: 2,
    column: 5,
    message: "id '<script>' & co",
    hint: "rename it",
  },
  { ruleId: "pr/registry-change", severity: "warning", file: "schema/app.schema.json", message: "registry change" },
];
const result = toPrResult(
  {
    kinds: ["new-app", "registry-change"],
    apps: [{ id: "<x>", kinds: ["new-app"], versions: [] }],
    registryFiles: ["schema/app.schema.json"],
    diagnostics,
  },
  {
    base: { ref: "main", sha: "a".repeat(40) },
    head: { ref: "HEAD", sha: "b".repeat(40) },
    mergeBase: "a".repeat(40),
    author: undefined,
    validated: { apps: 1, versions: 0 },
    diagnostics,
  },
);

describe("pull-request reports", () => {
  it("the result says not ok on errors, and null when no author was given", () => {
    expect(result).toMatchObject({ ok: false, author: null, counts: { errors: 1, warnings: 1 }, versions: [] });
  });

  it("annotations carry file, line, column and the rule id as title; the hint follows the message", () => {
    const calls: unknown[] = [];
    const sink: AnnotationSink = {
      error: (m, p) => calls.push(["error", m, p]),
      warning: (m, p) => calls.push(["warning", m, p]),
    };
    annotateDiagnostics(diagnostics, sink);
    expect(calls).toEqual([
      [
        "error",
        "id '<script>' & co\nhint: rename it",
        { title: "pr/near-duplicate-id", file: "apps/<x>/app.yaml", startLine: 2, startColumn: 5 },
      ],
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
    expect(tables[1]?.[1]).toEqual([
      "error",
      "pr/near-duplicate-id",
      "apps/&lt;x&gt;/app.yaml:2",
      "id '&lt;script&gt;' &amp; co (hint: rename it)",
    ]);
  });

  it("the job summary shows what each changed version will create and the Helm that judged it, escaped", async () => {
    const render = {
      tool: "helm v4.1.4",
      kubeVersion: "v1.20.0",
      objects: [{ apiVersion: "apps/v1", kind: "Deployment", count: 2 }],
      images: [{ ref: "evil/<img>:1", name: "evil/<img>", tag: "1" }],
      flags: [{ flag: "privileged" as const, object: "Deployment/web", detail: "app" }],
    };
    const withRender = toPrResult(
      {
        kinds: ["new-version"],
        apps: [{ id: "web", kinds: ["new-version"], versions: [] }],
        registryFiles: [],
        diagnostics: [],
      },
      {
        base: { ref: "main", sha: "a".repeat(40) },
        head: { ref: "HEAD", sha: "b".repeat(40) },
        mergeBase: "a".repeat(40),
        author: "x",
        validated: { apps: 1, versions: 1 },
        diagnostics: [],
        renders: [{ app: "web", delivery: "helm", version: "1.0.0+b.1", render }],
        helm: "v4.1.4 (bundled)",
      },
    );
    const headings: string[] = [];
    const raw: string[] = [];
    const fake: SummaryBuilder = {
      addHeading: (t) => (headings.push(t), fake),
      addRaw: (text) => (raw.push(text), fake),
      addTable: () => fake,
      write: async () => fake,
    };
    await writePrSummary(withRender, fake);
    expect(headings).toContain("What web 1.0.0+b.1 (helm) will create");
    expect(raw[1]).toBe(
      [
        "<p>Rendered by helm v4.1.4 for Kubernetes v1.20.0.</p>",
        "<p><strong>Objects</strong></p><ul><li>2 × Deployment (apps/v1)</li></ul>",
        "<p><strong>Images</strong></p><ul><li><code>evil/&lt;img&gt;:1</code></li></ul>",
        "<p><strong>Flags</strong></p><ul><li>privileged container: Deployment/web (app)</li></ul>",
      ].join("\n"),
    );
    expect(raw[2]).toBe("<p>Helm charts judged by Helm v4.1.4 (bundled).</p>");
    expect(formatPrText(withRender).split("\n").slice(-3, -1)).toEqual([
      "  web helm/1.0.0+b.1 will create: 2 Deployment; 1 image; flags: privileged container: Deployment/web (app)",
      "Helm charts judged by Helm v4.1.4 (bundled).",
    ]);
  });
});
