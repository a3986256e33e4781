import { link, mkdir, open, readdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { openStaging, writeFilesInto } from "../../src/index/write-output.ts";
import { hasErrors } from "../../src/report/diagnostic.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import type { RegistryRunOptions } from "../../src/run/run-options.ts";
import { validateForIndex } from "../../src/run/validate-registry.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";
import { generateRegistry } from "./generate-registry.ts";
import { outputFilesOf } from "./output-files.ts";
import { commitAll } from "./scale-registry.ts";

// A warm build links an unchanged app's files from the manifest cache's output store
// (run/output-store.ts) instead of writing them: held here to the build without a cache,
// byte for byte, including after an output file was rewritten in place through its link.

const publication = { serial: 5, expires: "2030-01-01T00:00:00Z" };

/** Output files with more than one link: those linked from the output store. */
async function linkedFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const linked: string[] = [];
  for (const e of entries.filter((x) => x.isFile())) {
    const file = path.join(e.parentPath, e.name);
    if ((await stat(file)).nlink > 1) linked.push(path.relative(dir, file));
  }
  return linked.sort();
}

/** The sample apps and 200 generated ones, valid, committed to a fresh Git repository. */
async function aCommittedRegistry(): Promise<{
  root: string;
  mirrors: string[];
  offline: boolean;
  requireArtifacts: boolean;
}> {
  const registry = await tempRegistry();
  await generateRegistry(registry.root, { apps: 200, versions: 2, seed: 5 });
  await commitAll(registry.root, "registry");
  return { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: false };
}

/** `appshelf build` as the CLI runs it: validate into a staging folder, then build and publish it. */
async function build(options: RegistryRunOptions, out: string): Promise<Record<string, string>> {
  const staging = await openStaging(out);
  const result = await validateForIndex(options, {}, staging.dir);
  expect(hasErrors(result.diagnostics)).toBe(false);
  await buildRegistry(indexBuildInput(result), out, publication, [], undefined, { staging });
  return outputFilesOf(out);
}

describe("the output store of the manifest cache", () => {
  it("a warm build links unchanged apps' files and writes the same bytes as a build without the cache", async () => {
    const options = await aCommittedRegistry();
    const cacheDir = await tempDir();
    const parent = await tempDir();
    const cached = { ...options, manifestCacheDir: cacheDir };
    const expected = await build(options, path.join(parent, "uncached"));
    expect(Object.keys(expected).length).toBeGreaterThan(200);
    expect(await linkedFiles(path.join(parent, "uncached"))).toEqual([]);

    // Cold: files written, and kept in the store (the output files are the store's links).
    expect(await build({ ...cached, threads: 2 }, path.join(parent, "cold"))).toEqual(expected);
    for (const threads of [1, 2]) {
      const out = path.join(parent, `warm-${threads}`);
      expect(await build({ ...cached, threads }, out)).toEqual(expected);
      // Every generated app's shard and icon came from the store (the samples naming hosted copies are held, not stored).
      const linked = await linkedFiles(out);
      expect(linked.filter((f) => /^apps\/app-[0-9a-z]{4}\.json$/.test(f)).length).toBe(200);
    }

    // An output file rewritten in place rewrites its store file too: the next build must not publish it.
    const [victim] = (await linkedFiles(path.join(parent, "warm-2"))).filter((f) => f.startsWith("apps/app-"));
    expect(victim).toBeDefined();
    // Same size, other bytes: only the stat (or the content's hash) can tell.
    const handle = await open(path.join(parent, "warm-2", victim ?? ""), "r+");
    await handle.write("X", 0);
    await handle.close();
    expect(await build({ ...cached, threads: 2 }, path.join(parent, "after-tamper"))).toEqual(expected);
    expect(await build({ ...cached, threads: 1 }, path.join(parent, "after-tamper-1"))).toEqual(expected);

    // A store file whose stat changed but not its content is still used (and recorded again).
    const engine = (await readdir(cacheDir))[0] ?? "";
    const stores = path.join(cacheDir, engine, "files");
    const bucket = (await readdir(stores))[0] ?? "";
    for (const name of await readdir(path.join(stores, bucket)))
      await utimes(path.join(stores, bucket, name), new Date(2001, 1, 1), new Date(2001, 1, 1));
    expect(await build({ ...cached, threads: 2 }, path.join(parent, "after-touch"))).toEqual(expected);

    // No store at all (a cache restored without it): rebuilt, same bytes.
    await rm(stores, { recursive: true, force: true });
    expect(await build({ ...cached, threads: 2 }, path.join(parent, "no-store"))).toEqual(expected);
    expect(await build({ ...cached, threads: 2 }, path.join(parent, "store-again"))).toEqual(expected);
    expect((await linkedFiles(path.join(parent, "store-again"))).length).toBeGreaterThan(200);

    // A control: a tampered output differs, so the equalities above are not vacuous.
    expect(await outputFilesOf(path.join(parent, "warm-2"))).not.toEqual(expected);
  });

  it("a build's writes replace a staged file instead of rewriting it in place (a staged file may be a store's link)", async () => {
    const dir = await tempDir();
    await mkdir(path.join(dir, "apps"), { recursive: true });
    await writeFile(path.join(dir, "store-file"), "stored\n");
    await link(path.join(dir, "store-file"), path.join(dir, "apps", "a.json"));
    writeFilesInto(dir, new Map([["apps/a.json", Buffer.from("reviewed\n")]]));
    expect(await readFile(path.join(dir, "apps", "a.json"), "utf8")).toBe("reviewed\n");
    expect(await readFile(path.join(dir, "store-file"), "utf8")).toBe("stored\n");
  });
});
