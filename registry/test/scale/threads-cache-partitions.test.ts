import { readdir, readFile, rm, writeFile, appendFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { cacheBucketOf } from "../../src/run/manifest-cache.ts";
import { mergeReports } from "../../src/run/merge-reports.ts";
import type { ValidationReport } from "../../src/run/validation-report.ts";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import { hasErrors } from "../../src/report/diagnostic.ts";
import type { ValidationResult } from "../../src/run/registry-results.ts";
import type { RegistryRunOptions as ValidateOptions } from "../../src/run/run-options.ts";
import { checkRegistry, validateForIndex, validateRegistry } from "../../src/run/validate-registry.ts";
import { tempDir } from "../temp-registry.ts";
import { aScaleRegistry, SYNTHETIC_APPS } from "./scale-registry.ts";
import { outputFilesOf } from "./output-files.ts";

/** Everything a validation result says, positions included, as plain data. */
function summary(result: ValidationResult) {
  return {
    diagnostics: result.diagnostics,
    counts: result.counts,
    apps: result.apps.map((f) => ({
      folder: f.folder,
      app: f.app && {
        data: f.app.data,
        valid: f.app.valid,
        id: f.app.parsed.locate(["id"]),
        name: f.app.parsed.locateKey(["name", "en"]),
        parse: f.app.parsed.diagnostics,
      },
      versions: f.versions.map((v) => ({
        file: v.parsed.file,
        data: v.data,
        valid: v.valid,
        folder: v.folder,
        fileVersion: v.fileVersion,
        url: v.parsed.locate(["artifact", "url"]),
        missing: v.parsed.locate(["artifact", "nothing"]),
      })),
      icon: f.icon && [f.icon.file, f.icon.bytes.toString("base64")],
    })),
    metadata: [...result.metadata].map(([folder, perApp]) => [folder, [...perApp]]),
    loaded: result.registry.apps.map((a) => [a.id, a.app?.file, a.versions.map((v) => v.parsed.file), a.icon?.file]),
  };
}

const publication = { serial: 7, expires: "2030-01-01T00:00:00Z" };

describe("validation at scale: worker threads, the manifest cache and partitions give one run's result", () => {
  it("worker threads give what one thread gives, facts, positions and index files included", async () => {
    const { options } = await aScaleRegistry();
    const one = await validateRegistry({ ...options, threads: 1 });
    expect(one.counts.apps).toBe(SYNTHETIC_APPS + 9);
    expect(hasErrors(one.diagnostics)).toBe(true);
    for (const threads of [2, 3])
      expect(summary(await validateRegistry({ ...options, threads }))).toEqual(summary(one));
  });

  it("the index files built where each app is validated make the same build as the facts", async () => {
    const { options, root } = await aScaleRegistry();
    // A registry without errors: only the generated apps and the real ones.
    for (const app of ["app-0001", "app-0002", "app-0003", "app-0004", "app-0005"])
      await rm(path.join(root, "apps", app), { recursive: true, force: true });
    const fromFacts = await validateRegistry({ ...options, threads: 1 });
    expect(hasErrors(fromFacts.diagnostics)).toBe(false);
    const [a, b, c] = [await tempDir(), await tempDir(), await tempDir()];
    await buildRegistry(indexBuildInput(fromFacts), a, publication);
    await buildRegistry(indexBuildInput(await validateForIndex({ ...options, threads: 2 })), b, publication);
    await buildRegistry(indexBuildInput(await validateForIndex({ ...options, threads: 1 })), c, publication);
    const expected = await outputFilesOf(a);
    expect(Object.keys(expected).length).toBeGreaterThan(SYNTHETIC_APPS);
    expect(await outputFilesOf(b)).toEqual(expected);
    expect(await outputFilesOf(c)).toEqual(expected);
  });

  it("the manifest cache gives what a run without it gives: cold, warm, and after uncommitted edits", async () => {
    const { options, root, cacheDir } = await aScaleRegistry();
    const cached: ValidateOptions = { ...options, manifestCacheDir: cacheDir };
    const expected = summary(await validateRegistry(options));
    expect(summary(await validateRegistry(cached))).toEqual(expected);
    const [engine] = await readdir(cacheDir);
    // One pack per cache bucket holding an app.
    const buckets = new Set((await readdir(path.join(root, "apps"))).map(cacheBucketOf));
    expect(buckets.size).toBeGreaterThan(16);
    expect((await readdir(path.join(cacheDir, engine ?? ""))).filter((f) => /^\d+\.bin$/.test(f)).length).toBe(
      buckets.size,
    );
    expect(summary(await validateRegistry(cached))).toEqual(expected);
    expect(summary(await validateRegistry({ ...cached, threads: 2 }))).toEqual(expected);
    // Edits Git does not know yet: a changed file, a new one, a deleted one, a file made identical to another.
    await appendFile(path.join(root, "apps/app-0006/app.yaml"), "extra: true\n");
    await writeFile(path.join(root, "apps/app-0007/versions/helm/7.0.0.yaml"), "version: 7.0.0\n");
    await rm(path.join(root, "apps/app-0008/app.yaml"));
    await writeFile(
      path.join(root, "apps/app-0009/app.yaml"),
      await readFile(path.join(root, "apps/app-0001/app.yaml")),
    );
    const changed = summary(await validateRegistry(options));
    expect(changed).not.toEqual(expected);
    expect(summary(await validateRegistry(cached))).toEqual(changed);
    expect(summary(await validateRegistry({ ...cached, threads: 2 }))).toEqual(changed);
    // The same with index files: cached ones equal fresh ones.
    const fresh = await validateForIndex(options);
    expect((await validateForIndex(cached)).index).toEqual(fresh.index);
    expect((await validateForIndex({ ...cached, threads: 2 })).index).toEqual(fresh.index);
  });

  it("partitions (by app id) merged equal one run's report; a missing partition is refused", async () => {
    const { options } = await aScaleRegistry();
    const full = await checkRegistry(options);
    const expected = { ok: !hasErrors(full.diagnostics), counts: full.counts, diagnostics: full.diagnostics };
    for (const count of [1, 3]) {
      const reports: { file: string; report: ValidationReport }[] = [];
      for (let index = count - 1; index >= 0; index--) {
        const part = await checkRegistry({ ...options, partition: { index, count } });
        reports.push({
          file: `partition-${index}.json`,
          report: {
            ok: !hasErrors(part.diagnostics),
            counts: part.counts,
            partition: { index, count },
            diagnostics: part.diagnostics,
          },
        });
      }
      expect(mergeReports(reports)).toEqual(expected);
      if (count > 1) {
        expect(() => mergeReports(reports.slice(1))).toThrow(
          /the reports must be the partitions 0..2 of 3, each once; got 1\/3, 0\/3/,
        );
        expect(() => mergeReports([...reports, ...reports.slice(0, 1)])).toThrow(/each once/);
      }
    }
  });
});
