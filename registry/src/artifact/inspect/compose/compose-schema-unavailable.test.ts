import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, expect, it } from "vitest";
import { anInspectInput } from "../../../../test/inspect/helm-fixtures.ts";
import { inspectCompose } from "./inspect-compose.ts";

// A file of its own: reference files are read once per process (per test file under vitest).
let emptyDir = "";
const saved = process.env.APPSHELF_REFERENCE_DIR;
beforeAll(() => {
  emptyDir = mkdtempSync(path.join(tmpdir(), "appshelf-no-reference-"));
  process.env.APPSHELF_REFERENCE_DIR = emptyDir;
});
afterAll(() => {
  if (saved === undefined) delete process.env.APPSHELF_REFERENCE_DIR;
  else process.env.APPSHELF_REFERENCE_DIR = saved;
  rmSync(emptyDir, { recursive: true, force: true });
});

it("compose/schema-unavailable: without compose-spec.json it warns and still runs the other checks", async () => {
  const text = "services:\n  web:\n    image: nginx:1.27\n    restart: [always]\n    depends_on: [db]\n";
  const result = await inspectCompose(
    anInspectInput({ bytes: Buffer.from(text), label: "apps/demo/compose.yaml", appId: "demo", delivery: "compose" }),
  );
  expect(result.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
    ["compose/schema-unavailable", "warning"],
    ["compose/depends-on-unknown", "error"],
  ]);
});
