import { existsSync } from "node:fs";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import { writeOutput } from "../../src/index/write-output.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";

/**
 * Guarantee (issue 9): any failure during `build` leaves the previous output intact (the
 * index is written to a temp sibling and renamed into place: `index/write-output.ts`).
 */
const PUBLICATION = { serial: 3, expires: "2030-01-01T00:00:00Z" };

async function readTree(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.join(e.parentPath, e.name));
  return new Map(
    await Promise.all(
      files.sort().map(async (f) => [path.relative(dir, f), (await readFile(f)).toString("base64")] as const),
    ),
  );
}

async function previousBuild(): Promise<{ out: string; before: Map<string, string> }> {
  const r = await tempRegistry(["harbor"]);
  const out = path.join(await tempDir(), "dist");
  await buildRegistry(
    indexBuildInput(await validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true })),
    out,
    PUBLICATION,
  );
  return { out, before: await readTree(out) };
}

describe("build: a hostile submission never damages the published output", () => {
  it("a registry with a hostile icon is refused and the previous dist/ stays byte for byte", async () => {
    const { out, before } = await previousBuild();
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/icon.svg", "</svg>", "<script>alert(1)</script></svg>");
    await r.edit("apps/harbor/app.yaml", "  en: Harbor\n", "  en: Harbor\u202Egpj.exe\n");
    const result = await validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
    expect(() => indexBuildInput(result)).toThrow(/validation errors/);
    expect(await readTree(out)).toEqual(before);
    expect((await readdir(path.dirname(out))).filter((name) => name !== "dist")).toEqual([]);
  });

  it("a write that fails half-way (a path escaping the output) leaves the previous output and no staging folder", async () => {
    const { out, before } = await previousBuild();
    const escape = `../escaped-${process.pid}.json`;
    const files = new Map([
      ["index.json", Buffer.from("{}")],
      [escape, Buffer.from("{}")],
    ]);
    await expect(writeOutput(out, files)).rejects.toThrow(/outside/);
    expect(await readTree(out)).toEqual(before);
    expect(existsSync(path.resolve(out, escape))).toBe(false);
    expect((await readdir(path.dirname(out))).filter((name) => name !== "dist")).toEqual([]);
  });
});
