import { readFileSync } from "node:fs";
import path from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { checkValues } from "../../src/artifact/inspect/helm/check-values.ts";
import type { PackageFolder } from "../../src/artifact/inspect/shared/package-folder.ts";
import { runValuesSchema } from "../../src/artifact/inspect/helm/run-values-schema.ts";
import { anyOfChain, checkGeneratedSchema, jsonSchemaArbitrary, valuesArbitrary } from "./fuzz/json-schemas.ts";
import { CORPUS } from "./hostile-archives.ts";

/**
 * Issue 13, class 2: a chart's values.schema.json is third-party code. It is compiled and
 * run only in a capped worker, its patterns on RE2 (linear time), and a schema that passes
 * a cap is reported as `helm/values-schema-too-complex`, never a hang or a crash.
 */
function chart(schema: unknown, values = "{}\n"): PackageFolder {
  const files = new Map<string, Buffer>([
    ["c/values.yaml", Buffer.from(values)],
    ["c/values.schema.json", Buffer.from(typeof schema === "string" ? schema : JSON.stringify(schema))],
  ]);
  return { archive: { label: "c.tgz", format: "tar.gz", files, topLevel: ["c"] }, top: "c" };
}

describe("values.schema.json from artifacts", () => {
  it("a ReDoS pattern ^(a+)+$ runs in linear time on RE2: 10,000 'a's and a 'b' is a plain schema error", async () => {
    const diagnostics = await checkValues(
      chart({ properties: { name: { type: "string", pattern: "^(a+)+$" } } }, `name: ${"a".repeat(10_000)}b\n`),
    );
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "helm/values-schema", file: "c.tgz!c/values.yaml", line: 1 }),
    ]);
    expect(
      await checkValues(
        chart({ properties: { name: { type: "string", pattern: "^(a+)+$" } } }, `name: ${"a".repeat(10_000)}\n`),
      ),
    ).toEqual([]);
  });

  it("each pattern of a schema is its own (ajv keys compiled patterns by their text)", async () => {
    const schema = { properties: { a: { type: "string", pattern: "^a+$" }, b: { type: "string", pattern: "^b+$" } } };
    expect(await checkValues(chart(schema, "a: aaa\nb: bbb\n"))).toEqual([]);
    expect((await checkValues(chart(schema, "a: aaa\nb: aaa\n"))).map((d) => d.line)).toEqual([2]);
  });

  it("patternProperties run on RE2 too", async () => {
    const diagnostics = await checkValues(
      chart({ patternProperties: { "^(x+x+)+y$": { type: "number" } } }, `${"x".repeat(1000)}y: text\n`),
    );
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["helm/values-schema"]);
  });

  it("a pattern Helm's Go regexp cannot compile (look-ahead) is helm/values-schema-invalid naming RE2's reason", async () => {
    const diagnostics = await checkValues(chart({ properties: { a: { type: "string", pattern: "^(?=x)" } } }));
    expect(diagnostics).toEqual([expect.objectContaining({ ruleId: "helm/values-schema-invalid" })]);
    expect(diagnostics[0]?.message).toContain("invalid or unsupported Perl syntax");
  });

  it("a 40-level anyOf/$ref chain is helm/values-schema-too-complex, and the next chart is still checked", async () => {
    const diagnostics = await checkValues(chart(anyOfChain(40), "a: 1\n"));
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "helm/values-schema-too-complex", file: "c.tgz!c/values.schema.json" }),
    ]);
    expect(diagnostics[0]?.message).toMatch(
      /^values\.schema\.json is too complex to check: checking it (took longer than \d+ ms|needed more than \d+ MiB of memory)/,
    );
    expect(await checkValues(chart({ type: "object" }))).toEqual([]);
  });

  it("the caps are the worker's: a tiny time cap stops even a normal schema with too-complex", async () => {
    const reply = await runValuesSchema(JSON.stringify(anyOfChain(30)), { a: 1 }, { timeoutMs: 200, maxHeapMb: 64 });
    expect(reply).toMatchObject({ kind: "too-complex" });
  });

  it("a schema nested 100,000 levels deep is an error, not a crash", async () => {
    const schema = `${'{"properties":{"a":'.repeat(100_000)}{"type":"string"}${"}}".repeat(100_000)}`;
    const diagnostics = await checkValues(chart(schema, "a: 1\n"));
    expect(diagnostics).toHaveLength(1);
    expect(["helm/values-schema-too-complex", "helm/values-schema-json"]).toContain(diagnostics[0]?.ruleId);
  });

  it("the corpus charts' real schemas still check cleanly in the worker", async () => {
    const schema = readFileSync(path.join(CORPUS, "helm/charts/wordpress/values.schema.json"), "utf8");
    expect(await runValuesSchema(schema, {})).toEqual({ kind: "valid" });
  });

  it("fuzz: 60 generated schemas (seed 13) never crash or hang the check: a result or a diagnostic each", async () => {
    expect(fc.sample(jsonSchemaArbitrary(), { seed: 13, numRuns: 5 })).toHaveLength(5);
    await fc.assert(fc.asyncProperty(jsonSchemaArbitrary(), valuesArbitrary(), checkGeneratedSchema), {
      seed: 13,
      numRuns: 60,
    });
  });
});
