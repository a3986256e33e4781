import { open, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildAppIndexFiles, type IndexAppInput, registryFilesKey } from "../../src/index/build-index.ts";
import { type BuildOptions, buildRegistry } from "../../src/index/build-registry.ts";
import type { Publication } from "../../src/index/publication.ts";
import { openStaging } from "../../src/index/write-output.ts";
import { hasErrors } from "../../src/report/diagnostic.ts";
import type { ReviewLedger } from "../../src/review/version-review.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import type { RegistryRunOptions } from "../../src/run/run-options.ts";
import { validateForIndex } from "../../src/run/validate-registry.ts";
import { syntheticApps } from "../client/synthetic-registry.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";
import { generateRegistry } from "./generate-registry.ts";
import { outputFilesOf } from "./output-files.ts";
import { commitAll } from "./scale-registry.ts";

// A build whose apps and inputs are unchanged links the registry-wide files (helm/index.yaml,
// catalog.json, bins, names.json, the Nextcloud API) from the manifest cache instead of
// assembling them (run/registry-files-store.ts): held here to a build without a cache, byte
// for byte, after each thing those files are built from changes.

const PUBLICATION: Publication = { serial: 5, expires: "2030-01-01T00:00:00Z" };

/** The registry-wide files: what the store keeps. */
const REGISTRY_FILE = /^(helm\/index\.yaml|catalog\.json|names\.json|bins\/.*|api\/.*)$/;

/** A review ledger recording one sample version: its shard gets `review`, so its pin (and its bin) change. */
const REVIEWS: ReviewLedger = {
  formatVersion: 1,
  versions: {
    "harbor/helm/1.19.1": {
      release: { gate: "none", commit: "a".repeat(40), reason: "committed to the base branch without a pull request" },
      changes: [],
    },
  },
};

/** What a build is given besides the registry. */
interface BuildCase {
  publication?: Publication;
  reviews?: ReviewLedger;
  options?: BuildOptions;
}

/** `appshelf build` as the CLI runs it: validate into a staging folder, then build and publish it. */
async function build(options: RegistryRunOptions, out: string, given: BuildCase = {}): Promise<Record<string, string>> {
  const staging = await openStaging(out);
  const result = await validateForIndex(options, {}, staging.dir);
  expect(hasErrors(result.diagnostics)).toBe(false);
  await buildRegistry(indexBuildInput(result), out, given.publication ?? PUBLICATION, [], given.reviews, {
    ...given.options,
    staging,
  });
  return outputFilesOf(out);
}

/** Registry-wide output files that are links of the store's files (one inode, more than one link). */
async function linkedRegistryFiles(out: string): Promise<string[]> {
  const linked: string[] = [];
  for (const file of Object.keys(await outputFilesOf(out)).filter((f) => REGISTRY_FILE.test(f)))
    if ((await stat(path.join(out, file))).nlink > 1) linked.push(file);
  return linked;
}

describe("the registry-wide files kept in the manifest cache", () => {
  it("are reused only while everything they are built from is unchanged: each change gives the bytes of a build without the cache", async () => {
    const registry = await tempRegistry();
    await generateRegistry(registry.root, { apps: 120, versions: 2, seed: 11 });
    await commitAll(registry.root, "registry");
    const options: RegistryRunOptions = {
      root: registry.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: false,
    };
    const cached = { ...options, manifestCacheDir: await tempDir(), threads: 2 };
    const parent = await tempDir();
    let n = 0;
    /** The same build without a cache and with it: equal, and returned. */
    const both = async (given: BuildCase = {}) => {
      const expected = await build(options, path.join(parent, `uncached-${++n}`), given);
      const out = path.join(parent, `cached-${n}`);
      expect(await build(cached, out, given)).toEqual(expected);
      return { expected, out };
    };

    const first = await both();
    const registryFiles = Object.keys(first.expected).filter((f) => REGISTRY_FILE.test(f));
    // The sample apps include Nextcloud apps: the API is among the files kept.
    expect(registryFiles.some((f) => f.startsWith("api/"))).toBe(true);
    expect(registryFiles).toEqual(expect.arrayContaining(["helm/index.yaml", "catalog.json", "names.json"]));

    // Nothing changed: every registry-wide file is linked from the store, the bytes are the same.
    const warm = await both();
    expect(warm.expected).toEqual(first.expected);
    expect(await linkedRegistryFiles(warm.out)).toEqual(registryFiles);

    // Each change, alone: the files are built again (the same bytes as without the cache), and differ from before.
    const changes: [string, () => Promise<BuildCase>][] = [
      [
        "a publication (serial, expiry) only changes index.json",
        async () => ({ publication: { serial: 6, expires: "2031-01-01T00:00:00Z" } }),
      ],
      ["the review ledger (shards re-pinned)", async () => ({ reviews: REVIEWS })],
      ["the bins' prefix length", async () => ({ publication: { ...PUBLICATION, binPrefixLength: 1 } })],
      [
        "the category list",
        async () => {
          const file = path.join(registry.root, "schema", "categories.yaml");
          await writeFile(file, (await readFile(file, "utf8")).replace("en: Analytics,", "en: Analytics and BI,"));
          await commitAll(registry.root, "categories");
          return {};
        },
      ],
      [
        "one app's manifest",
        async () => {
          const file = path.join(registry.root, "apps", "app-0003", "app.yaml");
          await writeFile(
            file,
            (await readFile(file, "utf8")).replace(/^summary:\n  en: .*$/m, "summary:\n  en: A new summary"),
          );
          await commitAll(registry.root, "one app");
          return {};
        },
      ],
    ];
    // Each is compared with the build before it: the build options' changes with the unchanged registry's.
    let previous = warm.expected;
    for (const [name, change] of changes) {
      // The store keeps the registry as it is, built without options: the change below is the only difference.
      await build(cached, path.join(parent, `before-${n}`));
      const given = await change();
      const { expected } = await both(given);
      expect(expected, name).not.toEqual(previous);
      // Warm again with the same change: reused, still the same bytes.
      const again = path.join(parent, `again-${n}`);
      expect(await build(cached, again, given), name).toEqual(expected);
      expect(await linkedRegistryFiles(again), name).toEqual(
        Object.keys(expected).filter((f) => REGISTRY_FILE.test(f)),
      );
      // A change to the registry stays; one to the build's options is not given again.
      if (Object.keys(given).length === 0) previous = expected;
    }
    // A kept file rewritten in place through its output link (same size, other bytes): never published.
    const victim = path.join(parent, `again-${n}`, "catalog.json");
    const handle = await open(victim, "r+");
    await handle.write("X", 1);
    await handle.close();
    const afterTamper = path.join(parent, "after-tamper");
    expect(await build(cached, afterTamper)).toEqual(previous);
    // A control: the tampered output differs, so the equalities above are not vacuous.
    expect(await outputFilesOf(path.join(parent, `again-${n}`))).not.toEqual(previous);

    // The store gone (a cache restored without it): built again, same bytes, kept again.
    const engine = (await readdir(cached.manifestCacheDir))[0] ?? "";
    await rm(path.join(cached.manifestCacheDir, engine, "files", "registry"), { recursive: true, force: true });
    expect(await build(cached, path.join(parent, "no-store"))).toEqual(previous);
    const kept = path.join(parent, "kept-again");
    expect(await build(cached, kept)).toEqual(previous);
    expect((await linkedRegistryFiles(kept)).length).toBeGreaterThan(3);
  });

  it("their key covers every input of assembleRegistryFiles, and there is none when an app's share has no digest", async () => {
    const registry = await tempRegistry();
    const staging = await openStaging(path.join(await tempDir(), "out"));
    const result = await validateForIndex(
      { root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: false },
      {},
      staging.dir,
    );
    await staging.discard();
    const apps = result.index;
    expect(apps.length).toBeGreaterThan(3);
    const input = { categories: result.categories, binPrefixLength: 2 };
    const key = registryFilesKey(apps, input);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    // The order apps come in does not matter (every file lists them by id).
    expect(registryFilesKey([...apps].reverse(), input)).toBe(key);
    const [first, ...rest] = apps;
    if (!first) throw new Error("no apps");
    const variants: [string, string | undefined][] = [
      ["site URL", registryFilesKey(apps, { ...input, siteUrl: "https://store.example.org/" })],
      ["prefix length", registryFilesKey(apps, { ...input, binPrefixLength: 3 })],
      ["categories", registryFilesKey(apps, { ...input, categories: input.categories.slice(1) })],
      ["an app fewer", registryFilesKey(rest, input)],
      [
        "a shard's digest",
        registryFilesKey([{ ...first, shard: { ...first.shard, sha256: "0".repeat(64) } }, ...rest], input),
      ],
      [
        "a shard's size",
        registryFilesKey([{ ...first, shard: { ...first.shard, size: first.shard.size + 1 } }, ...rest], input),
      ],
      ["an app's digest", registryFilesKey([{ ...first, digest: "1".repeat(64) }, ...rest], input)],
      ["an app's id", registryFilesKey([{ ...first, id: `${first.id}-2` }, ...rest], input)],
    ];
    for (const [name, other] of variants) expect(other, name).toMatch(/^[0-9a-f]{64}$/);
    expect(new Set([key, ...variants.map(([, k]) => k)]).size).toBe(variants.length + 1);
    const { digest: _none, ...undigested } = first;
    expect(registryFilesKey([undigested, ...rest], input)).toBeUndefined();
  });

  it("an app's digest changes with what the catalog entry, the Helm entries and the names read", () => {
    const sample = () => syntheticApps(1, 2)[0] as IndexAppInput;
    const digestOf = (change: (app: IndexAppInput) => IndexAppInput) => buildAppIndexFiles(change(sample())).digest;
    const same = digestOf((app) => app);
    expect(same).toMatch(/^[0-9a-f]{64}$/);
    const changed = [
      digestOf((app) => ({ ...app, manifest: { ...app.manifest, summary: { en: "Another summary" } } })),
      digestOf((app) => ({ ...app, versions: app.versions.map((v) => ({ ...v, appVersion: "9.9.9" })) })),
      digestOf((app) => ({ ...app, versions: app.versions.map((v) => ({ ...v, released: "2027-02-02" })) })),
      digestOf((app) => ({ ...app, manifest: { ...app.manifest, id: "app-99999" } })),
    ];
    expect(new Set([same, ...changed]).size).toBe(changed.length + 1);
  });
});
