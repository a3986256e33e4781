import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sha256Hex } from "../src/artifact/digest.ts";
import { parseHelmRepoIndex } from "../src/import/helm-repo-index.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import { assignBin } from "../src/index/assign-bin.ts";
import type { AppShard, BinFile, Catalog, RegistryIndex } from "../src/index/index-types.ts";
import { schemaCheck } from "../src/json/schemas.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { CORPUS, errorsOf, REPO_ROOT, tempDir, tempRegistry } from "./temp-registry.ts";

async function build(root: string, out: string) {
  const result = await validateRegistry({ root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
  expect(errorsOf(result.diagnostics)).toEqual([]);
  return buildRegistry(indexBuildInput(result), out, PUBLICATION);
}

const PUBLICATION = { serial: 7, expires: "2030-01-01T00:00:00Z" };

async function readJson<T>(dir: string, file: string): Promise<T> {
  return JSON.parse(await readFile(path.join(dir, file), "utf8")) as T;
}

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = new Map<string, Buffer>();
  for (const e of entries.filter((x) => x.isFile())) {
    const full = path.join(e.parentPath, e.name);
    files.set(path.relative(dir, full), await readFile(full));
  }
  return files;
}

describe("appshelf build: the index of the sample apps", () => {
  it("is deterministic: two builds are byte-identical", async () => {
    const [a, b] = [await tempDir(), await tempDir()];
    await build(REPO_ROOT, path.join(a, "dist"));
    await build(REPO_ROOT, path.join(b, "dist"));
    const [filesA, filesB] = [await readTree(path.join(a, "dist")), await readTree(path.join(b, "dist"))];
    expect([...filesA.keys()].sort()).toEqual([...filesB.keys()].sort());
    for (const [file, bytes] of filesA) expect(bytes.equals(filesB.get(file) ?? Buffer.alloc(0)), file).toBe(true);
  });

  it("writes a small signed-layout index.json: serial, expires, and pins of the catalog, the Helm index and the hashed bins", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const index = await readJson<RegistryIndex>(out, "index.json");
    expect(schemaCheck("index")(index)).toEqual([]);
    expect(index).toMatchObject({
      formatVersion: 2,
      serial: 7,
      expires: "2030-01-01T00:00:00Z",
      bins: { prefixLength: 2 },
    });
    for (const ref of [index.catalog, index.helmIndex, ...Object.values(index.bins.files)]) {
      const bytes = await readFile(path.join(out, ref.path));
      expect(sha256Hex(bytes), ref.path).toBe(ref.sha256);
      expect(bytes.length, ref.path).toBe(ref.size);
    }
  });

  it("lists >= 6 apps in the catalog, each in the bin its id hashes to, which pins its shard by sha256 and size", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const index = await readJson<RegistryIndex>(out, "index.json");
    const catalog = await readJson<Catalog>(out, index.catalog.path);
    expect(schemaCheck("catalog")(catalog)).toEqual([]);
    expect(catalog.apps.length).toBeGreaterThanOrEqual(6);
    const binned: string[] = [];
    for (const [prefix, ref] of Object.entries(index.bins.files)) {
      const bin = await readJson<BinFile>(out, ref.path);
      expect(schemaCheck("bin")(bin)).toEqual([]);
      expect(bin.prefix).toBe(prefix);
      binned.push(...Object.keys(bin.shards));
    }
    expect(binned.sort()).toEqual(catalog.apps.map((a) => a.id).sort());
    for (const app of catalog.apps) {
      const bin = await readJson<BinFile>(out, index.bins.files[assignBin(app.id)]?.path ?? "");
      const ref = bin.shards[app.id];
      const bytes = await readFile(path.join(out, ref?.path ?? ""));
      expect(sha256Hex(bytes)).toBe(ref?.sha256);
      expect(bytes.length).toBe(ref?.size);
      const shard = JSON.parse(bytes.toString("utf8")) as AppShard;
      expect(schemaCheck("shard")(shard)).toEqual([]);
      expect(shard.id).toBe(app.id);
      if (app.icon) expect(sha256Hex(await readFile(path.join(out, app.icon.path)))).toBe(app.icon.sha256);
    }
    const harbor = catalog.apps.find((a) => a.id === "harbor");
    expect(harbor?.latest.helm).toEqual({ version: "1.19.1", appVersion: "2.15.1", released: "2026-05-27" });
  });

  it("assigns bins by the first hex digits of SHA-256 of the id (PEP 458 hashed bins)", () => {
    // sha256("harbor") = 34...; the prefix length sets the number of bins.
    expect(assignBin("harbor")).toBe(sha256Hex(Buffer.from("harbor")).slice(0, 2));
    expect(assignBin("harbor", 1)).toBe(assignBin("harbor").slice(0, 1));
    expect(() => assignBin("harbor", 5)).toThrow(/1 to 4/);
  });

  it("refuses a publication without a valid serial or expiry", async () => {
    const result = await validateRegistry({
      root: REPO_ROOT,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
      apps: new Set(["harbor"]),
    });
    const out = path.join(await tempDir(), "dist");
    await expect(
      buildRegistry(indexBuildInput(result), out, { serial: -1, expires: "2030-01-01T00:00:00Z" }),
    ).rejects.toThrow(/serial must be a non-negative integer/);
    await expect(buildRegistry(indexBuildInput(result), out, { serial: 1, expires: "2030-01-01" })).rejects.toThrow(
      /expires must be a UTC time/,
    );
  });

  it("writes a Helm repository index (helm/index.yaml) with the field names of real Helm indexes", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const text = await readFile(path.join(out, "helm/index.yaml"), "utf8");
    const entries = parseHelmRepoIndex(text);
    const index = await readJson<RegistryIndex>(out, "index.json");
    const catalog = await readJson<Catalog>(out, index.catalog.path);
    const helmApps = catalog.apps.filter((a) => a.latest.helm);
    expect(new Set(entries.map((e) => e.name))).toEqual(new Set(helmApps.map((a) => a.id)));
    const harbor = entries.find((e) => e.name === "harbor");
    expect(harbor).toMatchObject({
      version: "1.19.1",
      appVersion: "2.15.1",
      digest: "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1",
      urls: ["https://helm.goharbor.io/harbor-1.19.1.tgz"],
    });
    // Every key we write is one Helm itself writes in a real repository index.
    const real = parse(await readFile(path.join(CORPUS, "helm/index/harbor-helm-published-index.yaml"), "utf8")) as {
      entries: Record<string, Record<string, unknown>[]>;
    };
    const helmKeys = new Set([
      ...Object.values(real.entries)
        .flat()
        .flatMap((e) => Object.keys(e)),
      "kubeVersion",
      "type",
      "dependencies",
      "annotations",
      "deprecated",
    ]);
    const ours = parse(text) as {
      apiVersion: string;
      entries: Record<string, Record<string, unknown>[]>;
      generated: string;
    };
    expect(ours.apiVersion).toBe("v1");
    for (const key of Object.values(ours.entries)
      .flat()
      .flatMap((e) => Object.keys(e)))
      expect(helmKeys.has(key), key).toBe(true);
    expect(index.helmIndex).toMatchObject({ path: "helm/index.yaml", sha256: sha256Hex(Buffer.from(text)) });
  });

  it("publishes in-repo artifacts under a relative URL whose bytes match the digest", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const shard = JSON.parse(await readFile(path.join(out, "apps/wordpress.json"), "utf8")) as AppShard;
    const compose = shard.versions.find((v) => v.delivery === "compose");
    expect(compose?.artifact.url).toMatch(/^artifacts\/wordpress\/compose\/[^/]+\/compose\.yaml$/);
    expect(sha256Hex(await readFile(path.join(out, compose?.artifact.url ?? "")))).toBe(compose?.artifact.sha256);
  });

  it("pins the download counts of .github/appshelf/downloads.json as stats.json, and refuses an invalid file", async () => {
    const r = await tempRegistry(["harbor"]);
    const stats = {
      formatVersion: 1,
      generated: "2026-11-01T00:00:00Z",
      downloads: { "https://helm.goharbor.io/harbor-1.19.1.tgz": 1234 },
    };
    await r.write(".github/appshelf/downloads.json", `${JSON.stringify(stats, null, 2)}\n`);
    const out = path.join(await tempDir(), "dist");
    await build(r.root, out);
    const index = JSON.parse(await readFile(path.join(out, "index.json"), "utf8")) as RegistryIndex;
    const published = await readFile(path.join(out, "stats.json"));
    expect(index.stats).toEqual({
      path: "stats.json",
      sha256: sha256Hex(published),
      size: published.length,
      mediaType: "application/json",
    });
    expect(JSON.parse(published.toString("utf8"))).toEqual(stats);
    await r.write(".github/appshelf/downloads.json", JSON.stringify({ ...stats, downloads: { x: -1 } }));
    await expect(build(r.root, path.join(await tempDir(), "dist"))).rejects.toThrow(
      /downloads.json does not match schema\/stats.schema.json/,
    );
  });

  it("keeps suspended apps and versions in the index, marked, and never offers a suspended version as latest", async () => {
    const r = await tempRegistry(["harbor", "wordpress"]);
    await r.edit("apps/wordpress/app.yaml", "status: active", "status: suspended");
    await r.edit("apps/harbor/versions/helm/1.19.1.yaml", "status: released", "status: suspended");
    const out = path.join(await tempDir(), "dist");
    await build(r.root, out);
    const catalog = await readJson<Catalog>(out, "catalog.json");
    expect(catalog.apps.find((a) => a.id === "wordpress")?.status).toBe("suspended");
    const harbor = catalog.apps.find((a) => a.id === "harbor");
    expect(harbor?.latest).toEqual({});
    const shard = JSON.parse(await readFile(path.join(out, "apps/harbor.json"), "utf8")) as AppShard;
    expect(shard.versions[0]?.status).toBe("suspended");
    expect(catalog.categories.find((c) => c.id === "content-management")?.apps).toBe(0);
  });

  it("writes nothing when the registry has errors, and leaves the previous output untouched", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const before = await readTree(out);
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/app.yaml", "license: Apache-2.0", "license: Apache 2");
    const result = await validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
    expect(() => indexBuildInput(result)).toThrow(/validation errors/);
    expect(await readTree(out)).toEqual(before);
  });
});
