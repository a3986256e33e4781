import { appendFile, mkdir, readdir, readFile, rm, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { cacheBucketOf } from "../../src/run/manifest-cache.ts";
import type { RegistryRunOptions } from "../../src/run/run-options.ts";
import { checkRegistry, validateForIndex } from "../../src/run/validate-registry.ts";
import { makeTestCa } from "../nextcloud-ca.ts";
import { signedSampleRegistry } from "../nextcloud-signed-samples.ts";
import { CORPUS, tempDir } from "../temp-registry.ts";
import { generateRegistry } from "./generate-registry.ts";
import { aScaleRegistry, SYNTHETIC_APPS } from "./scale-registry.ts";

/** The manifest packs (`<bucket>.bin`) and whole-app packs (`apps-<bucket>.bin`) in a cache folder. */
async function packsOf(cacheDir: string): Promise<{ manifests: string[]; apps: string[] }> {
  const [engine] = await readdir(cacheDir);
  const files = await readdir(path.join(cacheDir, engine ?? ""));
  return {
    manifests: files.filter((f) => /^\d+\.bin$/.test(f)),
    apps: files.filter((f) => /^apps-\d+\.bin$/.test(f)),
  };
}

describe("whole-app results in the manifest cache (run/app-result.ts) stand only where Git vouches for the whole folder", () => {
  it("a warm run reports and indexes what a run without the cache does, after every kind of change Git may not vouch for", async () => {
    const { options, root, cacheDir } = await aScaleRegistry();
    const cached: RegistryRunOptions = { ...options, manifestCacheDir: cacheDir };
    const git = simpleGit(root);
    const file = (rel: string) => path.join(root, rel);
    /** Checks that runs with the cache (one and two threads, twice) agree with one without it; returns its diagnostics. */
    const agree = async (what: string, run: RegistryRunOptions = options) => {
      const expected = (await checkRegistry(run)).diagnostics;
      const withCache = { ...run, manifestCacheDir: cacheDir };
      for (const threads of [2, 1])
        expect((await checkRegistry({ ...withCache, threads })).diagnostics, `${what}, ${threads} thread(s)`).toEqual(
          expected,
        );
      const index = (await validateForIndex(run)).index;
      expect(index.length, what).toBeGreaterThan(100);
      for (const threads of [1, 2])
        expect((await validateForIndex({ ...withCache, threads })).index, what).toEqual(index);
      return expected;
    };
    let before = await agree("cold, then warm");
    // Whole-app results stand alone: without the manifest packs, a warm run gives the same and reads none.
    const packs = await packsOf(cacheDir);
    // One whole-app pack per cache bucket holding an app.
    expect(packs.apps.length).toBe(new Set((await readdir(path.join(root, "apps"))).map(cacheBucketOf)).size);
    for (const pack of packs.manifests) await rm(path.join(cacheDir, (await readdir(cacheDir))[0] ?? "", pack));
    expect((await checkRegistry({ ...cached, threads: 1 })).diagnostics).toEqual(before);
    expect((await packsOf(cacheDir)).manifests).toEqual([]);

    const changes: [string, () => Promise<unknown>][] = [
      ["an untracked file", () => writeFile(file("apps/app-0010/versions/notes.txt"), "hello\n")],
      ["an empty folder, which Git does not track", () => mkdir(file("apps/app-0011/versions/rpm"))],
      [
        "a file Git ignores",
        async () => {
          await writeFile(file(".gitignore"), "*.bak\n");
          await writeFile(file("apps/app-0012/versions/old.bak"), "old\n");
        },
      ],
      [
        "an edit to a file Git is told to assume unchanged",
        async () => {
          await git.raw(["update-index", "--assume-unchanged", "apps/app-0013/app.yaml"]);
          await appendFile(file("apps/app-0013/app.yaml"), "unknownProperty: 1\n");
        },
      ],
      [
        "an edit to a file Git is told to skip in the work tree",
        async () => {
          await git.raw(["update-index", "--skip-worktree", "apps/app-0014/app.yaml"]);
          await appendFile(file("apps/app-0014/app.yaml"), "unknownProperty: 1\n");
        },
      ],
      [
        "a committed symbolic link",
        async () => {
          await symlink("../app.yaml", file("apps/app-0015/versions/link"));
          await git.add(".").commit("a link");
        },
      ],
      [
        "a committed edit (a clean work tree)",
        async () => {
          await appendFile(file("apps/app-0016/app.yaml"), "anotherUnknown: 2\n");
          await git.add(".").commit("an edit");
        },
      ],
      [
        "a publisher record the apps name is deleted, outside every app folder",
        () => rm(file(".github/appshelf/publishers/publisher-3.yaml")),
      ],
      ["a deleted tracked file", () => rm(file("apps/app-0017/app.yaml"))],
      [
        "a category the apps name is removed from the list, outside every app folder",
        async () => {
          const list = await readFile(file("schema/categories.yaml"), "utf8");
          const kept = list.replace(/ {2}- id: ai\n(?: {4}.*\n)+/, "");
          expect(kept).not.toBe(list);
          await writeFile(file("schema/categories.yaml"), kept);
        },
      ],
      [
        "a committed version claiming another app's chart name (index/name-taken, registry-wide)",
        async () => {
          await mkdir(file("apps/app-0018/versions/helm"), { recursive: true });
          await writeFile(
            file("apps/app-0018/versions/helm/9.0.0.yaml"),
            `version: "9.0.0"\ndelivery: helm\nchart: wordpress\nartifact: { url: "https://x.example/a.tgz", sha256: "${"b".repeat(64)}" }\nstatus: released\nreleased: "2025-01-01"\n`,
          );
          await git.add(".").commit("a claim");
        },
      ],
    ];
    for (const [what, change] of changes) {
      await change();
      const expected = await agree(what);
      expect(expected, what).not.toEqual(before);
      before = expected;
    }
    expect(before.filter((d) => d.ruleId === "index/name-taken").map((d) => d.file)).toEqual([
      "apps/app-0018/versions/helm/9.0.0.yaml",
    ]);
    // The artifact results an app's index files are built from change (no mirror: no metadata): built again.
    const withMirror = (await validateForIndex(options)).index;
    const noMirror = { ...options, mirrors: [] };
    await agree("no mirror", noMirror);
    expect((await validateForIndex({ ...noMirror, manifestCacheDir: cacheDir })).index).not.toEqual(withMirror);
    expect((await validateForIndex(cached)).index).toEqual(withMirror);
    // About 40 validations of 230 apps, with and without the cache: over 3 minutes on a loaded 2-core machine.
  }, 600_000);
});

describe("whole-app results keep what the artifact checks read of app.yaml", () => {
  it("a signed Nextcloud release's certificate is judged, and located, as without the cache", async () => {
    const registry = await signedSampleRegistry(await makeTestCa());
    await generateRegistry(registry.root, { apps: SYNTHETIC_APPS, versions: 1, seed: 11 });
    const git = simpleGit(registry.root);
    await git.init(["--initial-branch=main"]);
    await git.addConfig("user.name", "Appshelf Test").addConfig("user.email", "test@appshelf.invalid");
    await git.add(".").commit("signed samples");
    const options = { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: true };
    const expected = (await checkRegistry(options)).diagnostics;
    // Signed under a throwaway CA, so refused against Nextcloud's root, at the certificate's line.
    const untrusted = expected.filter((d) => d.ruleId === "nextcloud/certificate-untrusted");
    expect(untrusted.map((d) => d.file).sort()).toEqual(["apps/notes/app.yaml", "apps/tasks/app.yaml"]);
    expect(untrusted.every((d) => (d.line ?? 0) > 1)).toBe(true);
    const cached = { ...options, manifestCacheDir: await tempDir() };
    for (const threads of [1, 1, 2])
      expect((await checkRegistry({ ...cached, threads })).diagnostics).toEqual(expected);
  });
});
