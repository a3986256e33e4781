import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { openStaging } from "../../src/index/write-output.ts";
import { hasErrors } from "../../src/report/diagnostic.ts";
import type { ReviewLedger } from "../../src/review/version-review.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import { validateForIndex } from "../../src/run/validate-registry.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";
import { generateRegistry } from "./generate-registry.ts";
import { outputFilesOf } from "./output-files.ts";

const publication = { serial: 3, expires: "2030-01-01T00:00:00Z" };

/** The real sample apps (in-repo artifacts, hosted copies, Nextcloud, Compose) and 300 generated ones, valid. */
async function aRegistry() {
  const registry = await tempRegistry();
  await generateRegistry(registry.root, { apps: 300, versions: 3, seed: 11 });
  return { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: false };
}

/** A review ledger recording one generated version, so every shard gets `review` (recorded or not). */
const reviews: ReviewLedger = {
  formatVersion: 1,
  versions: {
    "app-0001/helm/1.0.0": {
      release: { gate: "none", commit: "b".repeat(40), reason: "committed to the base branch without a pull request" },
      changes: [],
    },
  },
};

describe("a build that writes each app's files into the staging folder as the app is built", () => {
  it("writes the same files, byte for byte, as the build that holds every app's files until the end", async () => {
    const options = await aRegistry();
    const parent = await tempDir();
    for (const [name, ledger] of [
      ["plain", undefined],
      ["reviewed", reviews],
    ] as const) {
      const held = await validateForIndex({ ...options, threads: 2 });
      expect(hasErrors(held.diagnostics)).toBe(false);
      const inMemory = path.join(parent, `held-${name}`);
      const heldSummary = await buildRegistry(indexBuildInput(held), inMemory, publication, [], ledger);
      const expected = await outputFilesOf(inMemory);
      expect(Object.keys(expected).length).toBeGreaterThan(300);
      for (const threads of [1, 2]) {
        const out = path.join(parent, `staged-${name}-${threads}`);
        const staging = await openStaging(out);
        const result = await validateForIndex({ ...options, threads }, {}, staging.dir);
        // The generated apps were written out and let go of; the samples that name hosted copies or in-repo artifacts were kept.
        expect(result.index.filter((a) => a.staged !== undefined && a.files.size === 0).length).toBeGreaterThan(200);
        expect(result.index.filter((a) => a.staged === undefined && a.files.size > 0).length).toBeGreaterThan(0);
        // Their Helm index entries were spilled to the staging folder's scratch folder (not published).
        expect(result.index.some((a) => a.helm.some((e) => e.spilled !== undefined && e.text === ""))).toBe(true);
        const summary = await buildRegistry(indexBuildInput(result), out, publication, [], ledger, { staging });
        expect(await outputFilesOf(out)).toEqual(expected);
        expect({ ...summary, outDir: "" }).toEqual({ ...heldSummary, outDir: "" });
      }
    }
    // A control: the two builds compared differ (the reviews are in every shard), so equality above is not vacuous.
    expect(await outputFilesOf(path.join(parent, "held-reviewed"))).not.toEqual(
      await outputFilesOf(path.join(parent, "held-plain")),
    );
    // Nothing but the outputs is left beside them: each staging folder became its output.
    expect((await readdir(parent)).sort()).toEqual(
      [
        "held-plain",
        "held-reviewed",
        "staged-plain-1",
        "staged-plain-2",
        "staged-reviewed-1",
        "staged-reviewed-2",
      ].sort(),
    );
  });

  it("a build that fails after the apps were staged leaves the old output as it was and no staging folder", async () => {
    const options = await aRegistry();
    const parent = await tempDir();
    const out = path.join(parent, "dist");
    const staging = await openStaging(out);
    const result = await validateForIndex({ ...options, threads: 2 }, {}, staging.dir);
    await mkdir(out);
    await writeFile(path.join(out, "index.json"), "old");
    // Download counts that do not match their schema: the build stops after validation, with the apps staged.
    await writeFile(path.join(options.root, ".github/appshelf/downloads.json"), '{"formatVersion": "x"}');
    expect((await readdir(staging.dir)).length).toBeGreaterThan(0);
    await expect(buildRegistry(indexBuildInput(result), out, publication, [], undefined, { staging })).rejects.toThrow(
      /downloads\.json does not match schema/,
    );
    expect(await readFile(path.join(out, "index.json"), "utf8")).toBe("old");
    expect(await readdir(parent)).toEqual(["dist"]);
  });

  it("refuses staged apps without their staging folder, and a staging folder of another output", async () => {
    const options = await aRegistry();
    const parent = await tempDir();
    const staging = await openStaging(path.join(parent, "a"));
    const result = await validateForIndex(options, {}, staging.dir);
    await expect(buildRegistry(indexBuildInput(result), path.join(parent, "a"), publication)).rejects.toThrow(
      "the apps' files were written into a staging folder, but the build was given none",
    );
    await expect(
      buildRegistry(indexBuildInput(result), path.join(parent, "b"), publication, [], undefined, { staging }),
    ).rejects.toThrow(/is for .*a, not .*b$/);
    expect(await readdir(parent)).toEqual([]);
  });
});
