import { createPublicKey } from "node:crypto";
import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { simpleGit } from "simple-git";
import { describe, expect, it } from "vitest";
import { sourceCommitOf } from "../../src/git/source-commit.ts";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { openStaging } from "../../src/index/write-output.ts";
import type { ReviewLedger } from "../../src/review/version-review.ts";
import { indexBuildInput, type IndexHosting } from "../../src/run/index-input.ts";
import type { RegistryRunOptions } from "../../src/run/run-options.ts";
import { validateForIndex, validateRegistry } from "../../src/run/validate-registry.ts";
import { generateSigningKey, type SigningKey } from "../../src/signing/signing-keys.ts";
import { runAppshelf } from "../run-appshelf.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "../temp-registry.ts";
import { generateRegistry } from "./generate-registry.ts";
import { outputFilesOf } from "./output-files.ts";

// `appshelf build --host-artifacts --release-assets <owner/repo>` (what publish.yml runs) used to
// build every app's index files from the facts in the main thread (validateRegistry, then
// indexBuildInput with the hosting). It now builds them where each app is validated
// (validateForIndex with the hosting) into the output's staging folder, with the manifest
// cache. These tests hold the two to the same bytes on the real sample apps and charts.

const HOSTING = { owner: "shelf", repo: "registry" };
const PUBLICATION = { serial: 3, expires: "2030-01-01T00:00:00Z" };
const RELEASE_ASSETS: IndexHosting = { hostArtifacts: true, releaseAssets: HOSTING };
/** Real sample apps whose copies are release assets; the first three get an uncommitted edit (see {@link aPublishRegistry}). */
const HOSTED_APPS = ["harbor", "mysql", "tasks", "redis", "emqx", "notes", "wordpress"];
const EDITED = HOSTED_APPS.slice(0, 3);

/**
 * A temp Git repository of the real sample apps (helm charts, re-packs, Nextcloud apps, in-repo
 * artifacts; their bytes in the corpus) and 130 generated apps (enough for the manifest cache and
 * two threads), committed. Artifacts are not required (the generated ones have no bytes: a warning
 * each), the sample apps' are all verified from the corpus. The generated helm versions are suspended: under --host-artifacts a
 * released chart is hosted, and generated artifacts have no bytes. Three hosted apps then get an
 * uncommitted edit (a comment in app.yaml): Git does not vouch for their folders, so their index
 * files are cached by their manifests' content ids (`indexFilesKey`), the others' in their
 * whole-app results (`artifactKeyOf`).
 */
async function aPublishRegistry(): Promise<{ root: string; options: RegistryRunOptions }> {
  const registry = await tempRegistry();
  await generateRegistry(registry.root, { apps: 130, versions: 2, seed: 5 });
  const apps = await readdir(path.join(registry.root, "apps"));
  for (const app of apps.filter((a) => a.startsWith("app-"))) {
    const helm = path.join(registry.root, "apps", app, "versions/helm");
    const versions = await readdir(helm).catch(() => []);
    for (const file of versions)
      await registry.edit(
        `apps/${app}/versions/helm/${file}`,
        /^status: released$/m,
        'status: suspended\nsuspension: { reason: "a generated chart has no bytes to host", date: "2026-11-30", pullRequest: 1 }',
      );
  }
  const git = simpleGit({ baseDir: registry.root });
  await git.init(["--initial-branch=main"]);
  await git.addConfig("user.name", "Appshelf Test");
  await git.addConfig("user.email", "test@appshelf.invalid");
  await git.addConfig("commit.gpgsign", "false");
  await git.add(".").commit("publish registry");
  for (const app of EDITED) await appendFile(path.join(registry.root, "apps", app, "app.yaml"), "# uncommitted\n");
  return {
    root: registry.root,
    options: { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: false },
  };
}

/** A review ledger recording harbor's chart and one generated version: every shard gets `review`. */
const reviews: ReviewLedger = {
  formatVersion: 1,
  versions: {
    "harbor/helm/1.19.1": {
      release: { gate: "none", commit: "a".repeat(40), reason: "committed to the base branch without a pull request" },
      changes: [],
    },
    "app-0001/compose/1.0.0": {
      release: { gate: "none", commit: "b".repeat(40), reason: "committed to the base branch without a pull request" },
      changes: [],
    },
  },
};

describe("build --release-assets on the index path (validateForIndex, staged) writes what the facts path wrote", () => {
  it("the same output files and release assets, byte for byte: cold and warm, one and two threads, and through the CLI", async () => {
    const { root, options } = await aPublishRegistry();
    const key = generateSigningKey();
    const parent = await tempDir();
    const publication = PUBLICATION;
    const sourceCommit = await sourceCommitOf(root);
    /** The facts path, as `appshelf build --release-assets` ran before: facts, index files built in this thread, nothing staged. */
    const factsPath = async (name: string, at: typeof publication, commit = sourceCommit) => {
      const result = await validateRegistry(options);
      expect(errorsOf(result.diagnostics)).toEqual([]);
      const out = path.join(parent, name);
      const assets = path.join(parent, `${name}-assets`);
      const summary = await buildRegistry(indexBuildInput(result, RELEASE_ASSETS), out, at, [key.key], reviews, {
        releaseAssets: { ...HOSTING, outDir: assets },
        ...(commit ? { sourceCommit: commit } : {}),
      });
      return {
        out: await outputFilesOf(out),
        assets: await outputFilesOf(assets),
        summary: { ...summary, outDir: "" },
      };
    };
    const expected = await factsPath("facts", publication);
    // Every hosted sample app's copies are release assets, listed for upload; beside the index only the in-repo artifacts.
    const beside = Object.keys(expected.out).filter((f) => f.startsWith("artifacts/"));
    expect(beside.length).toBeGreaterThan(0);
    for (const file of beside) expect(file).toMatch(/^artifacts\/(nextcloud|wordpress|gitea)\/compose\//);
    const tags = Object.keys(expected.assets).map((f) => f.split("/")[0]);
    for (const app of HOSTED_APPS) expect(tags).toContain(`appshelf-${app}`);
    expect(expected.assets["release-assets.json"]).toBeDefined();
    expect(expected.summary.hosted.count).toBeGreaterThanOrEqual(HOSTED_APPS.length);
    expect(Object.keys(expected.out).length).toBeGreaterThan(130);

    for (const threads of [1, 2]) {
      const cache = { manifestCacheDir: await tempDir() };
      for (const run of ["cold", "warm"]) {
        const name = `index-${threads}-${run}`;
        const out = path.join(parent, name);
        const assets = path.join(parent, `${name}-assets`);
        const staging = await openStaging(out);
        const result = await validateForIndex({ ...options, ...cache, threads }, RELEASE_ASSETS, staging.dir);
        expect(errorsOf(result.diagnostics)).toEqual([]);
        // The apps naming release assets were kept for the build (it reads their shards); the generated ones were staged.
        const kept = result.index.filter((a) => a.files.size > 0).map((a) => a.id);
        expect(kept).toEqual(expect.arrayContaining(HOSTED_APPS));
        expect(result.index.filter((a) => a.staged !== undefined && a.files.size === 0).length).toBeGreaterThan(100);
        // Their Helm index entries were spilled all the same (the build reads only their shards).
        const harbor = result.index.find((a) => a.id === "harbor");
        expect(harbor?.helm.length).toBeGreaterThan(0);
        expect(harbor?.helm.every((e) => e.spilled !== undefined && e.text === "")).toBe(true);
        const summary = await buildRegistry(
          indexBuildInput(result, RELEASE_ASSETS),
          out,
          publication,
          [key.key],
          reviews,
          {
            releaseAssets: { ...HOSTING, outDir: assets },
            ...(sourceCommit ? { sourceCommit } : {}),
            staging,
          },
        );
        expect(await outputFilesOf(out), name).toEqual(expected.out);
        expect(await outputFilesOf(assets), name).toEqual(expected.assets);
        expect({ ...summary, outDir: "" }, name).toEqual(expected.summary);
      }
      // The cache was written (warm runs read it): manifest packs and whole-app packs.
      const [engine = ""] = await readdir(cache.manifestCacheDir);
      const packs = await readdir(path.join(cache.manifestCacheDir, engine));
      expect(packs.some((f) => /^apps-\d+\.bin$/.test(f))).toBe(true);
      expect(packs.some((f) => /^\d+\.bin$/.test(f))).toBe(true);
    }

    // The command itself (publish.yml's flags), cold then warm: compared with the facts path at its expiry.
    const keyFile = path.join(parent, "key.pem");
    await writeFile(keyFile, key.privatePem);
    const reviewsFile = path.join(parent, "reviews.json");
    await writeFile(reviewsFile, JSON.stringify(reviews));
    const caches = path.join(parent, "caches");
    await mkdir(caches);
    for (const run of ["cold", "warm"]) {
      const out = path.join(parent, `cli-${run}`);
      const assets = path.join(parent, `cli-${run}-assets`);
      // Built before, as publish.yml's re-publish finds it: replaced whole.
      if (run === "warm") await mkdir(out);
      const cli = await runAppshelf([
        "build",
        ...["--root", root, "--mirror", CORPUS, "--offline"],
        ...["--cache", path.join(caches, "downloads"), "--manifest-cache", path.join(caches, "manifests")],
        ...["--out", out, "--serial", "3", "--key", keyFile, "--reviews", reviewsFile],
        ...["--host-artifacts", "--release-assets", "shelf/registry", "--release-assets-out", assets],
      ]);
      expect(cli.code, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/Hosted \d+ artifact copies .* as release assets of shelf\/registry/);
      const index = JSON.parse(await readFile(path.join(out, "index.json"), "utf8")) as { expires: string };
      const facts = await factsPath(`facts-${run}`, { serial: 3, expires: index.expires });
      expect(await outputFilesOf(out), run).toEqual(facts.out);
      expect(await outputFilesOf(assets), run).toEqual(facts.assets);
    }
    // Nothing but the outputs is left beside them (each staging folder became its output).
    expect((await readdir(parent)).filter((f) => f.startsWith("."))).toEqual([]);
  });

  it("a failing release-asset build leaves the old output and the old assets as they were, and no staging folder", async () => {
    const { root, options } = await aPublishRegistry();
    const key = generateSigningKey().key;
    // A key that cannot sign (its public half): the build fails at its last step, after the copies were read and checked.
    const broken = { ...key, privateKey: createPublicKey(key.privateKey) };
    const failures: [string, () => Promise<unknown>, SigningKey[], RegExp][] = [
      ["a signing key that cannot sign", async () => {}, [broken], /expected private/],
      [
        "download counts that do not match their schema",
        () => writeFile(path.join(root, ".github/appshelf/downloads.json"), '{"formatVersion": "x"}'),
        [key],
        /downloads\.json does not match schema/,
      ],
    ];
    for (const [what, breakIt, keys, error] of failures) {
      const parent = await tempDir();
      const out = path.join(parent, "dist");
      const assets = path.join(parent, "assets");
      for (const dir of [out, assets]) {
        await mkdir(dir);
        await writeFile(path.join(dir, "old.txt"), "old");
      }
      const staging = await openStaging(out);
      const result = await validateForIndex({ ...options, threads: 2 }, RELEASE_ASSETS, staging.dir);
      expect(errorsOf(result.diagnostics)).toEqual([]);
      expect((await readdir(staging.dir)).length, what).toBeGreaterThan(0);
      await breakIt();
      await expect(
        buildRegistry(indexBuildInput(result, RELEASE_ASSETS), out, PUBLICATION, keys, undefined, {
          releaseAssets: { ...HOSTING, outDir: assets },
          staging,
        }),
        what,
      ).rejects.toThrow(error);
      const old = { "old.txt": Buffer.from("old").toString("base64") };
      expect(await outputFilesOf(out), what).toEqual(old);
      expect(await outputFilesOf(assets), what).toEqual(old);
      expect((await readdir(parent)).sort(), what).toEqual(["assets", "dist"]);
    }
  });

  it("refuses index files built for other hosting than the build asks", async () => {
    const { options } = await aPublishRegistry();
    const beside = await validateForIndex(options, { hostArtifacts: true });
    expect(() => indexBuildInput(beside, RELEASE_ASSETS)).toThrow(
      "the index files were built hosting released helm charts too, beside the index, not hosting released helm charts too, as release assets of shelf/registry",
    );
    const released = await validateForIndex(options, RELEASE_ASSETS);
    expect(() => indexBuildInput(released, { hostArtifacts: true, releaseAssets: undefined })).toThrow(
      /built hosting released helm charts too, as release assets of shelf\/registry, not .* beside the index/,
    );
    expect(() =>
      indexBuildInput(released, { hostArtifacts: true, releaseAssets: { owner: "shelf", repo: "other" } }),
    ).toThrow(/as release assets of shelf\/registry, not .* as release assets of shelf\/other/);
    expect(() => indexBuildInput(released, { ...RELEASE_ASSETS, hostArtifacts: false })).toThrow(/not hosting only/);
    expect(indexBuildInput(released, RELEASE_ASSETS).apps).toBe(released.index);
    expect(indexBuildInput(released).apps).toBe(released.index);
  });
});

describe("cached index files are only served to a build with the same hosting", () => {
  it("files built without release assets, or for another repository, are never reused: each run equals one without the cache", async () => {
    const { options } = await aPublishRegistry();
    const cached: RegistryRunOptions = { ...options, manifestCacheDir: await tempDir() };
    const other = (owner: string, repo: string): IndexHosting => ({
      hostArtifacts: true,
      releaseAssets: { owner, repo },
    });
    // Each hosting differs from the one before in one thing, so a key missing that thing serves the files just cached.
    const hostings: [string, IndexHosting][] = [
      ["beside the index", { hostArtifacts: true }],
      ["release assets of shelf/registry (release assets added)", RELEASE_ASSETS],
      ["release assets of other/registry (owner changed)", other("other", "registry")],
      ["release assets of other/other (repository changed)", other("other", "other")],
      ["beside the index (release assets removed)", { hostArtifacts: true }],
      ["release assets of other/other", other("other", "other")],
      [
        "release assets of other/other, hosted: true only (--host-artifacts removed)",
        { releaseAssets: { owner: "other", repo: "other" } },
      ],
    ];
    /** The index files of the hosted sample apps: the edited ones (manifest-pack cache) and the others (whole-app results). */
    const hostedOf = (index: { id: string }[]) => index.filter((a) => HOSTED_APPS.includes(a.id));
    const seen: unknown[] = [];
    for (const [what, hosting] of hostings) {
      const fresh = hostedOf((await validateForIndex(options, hosting)).index);
      expect(fresh.map((a) => a.id).sort(), what).toEqual([...HOSTED_APPS].sort());
      for (const threads of [1, 2]) {
        const warm = hostedOf((await validateForIndex({ ...cached, threads }, hosting)).index);
        for (const [i, app] of fresh.entries())
          expect(
            warm[i],
            `${what}, ${threads} thread(s), ${app.id}${EDITED.includes(app.id) ? " (edited)" : ""}`,
          ).toEqual(app);
      }
      seen.push(fresh);
    }
    // A control: the first four hostings give four different shards of each app, edited or not (so equality is not vacuous).
    for (const app of HOSTED_APPS) {
      const shards = seen.slice(0, 4).map((index) => {
        const files = (index as { id: string; files: Map<string, Buffer> }[]).find((a) => a.id === app)?.files;
        return files?.get(`apps/${app}.json`)?.toString("base64");
      });
      expect(new Set(shards).size, app).toBe(4);
    }
  });
});
