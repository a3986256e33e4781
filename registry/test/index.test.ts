import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sha256Hex } from "../src/artifact/digest.ts";
import { parseHelmRepoIndex } from "../src/import/helm-repo-index.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import type { AppShard, RegistryIndex } from "../src/index/index-types.ts";
import { schemaCheck } from "../src/validate/schemas.ts";
import { validateRegistry } from "../src/validate/validate-registry.ts";
import { CORPUS, errorsOf, REPO_ROOT, tempDir, tempRegistry } from "./temp-registry.ts";

async function build(root: string, out: string) {
  const result = await validateRegistry({ root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
  expect(errorsOf(result.diagnostics)).toEqual([]);
  return buildRegistry(result, out);
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

  it("matches schema/index.schema.json, lists >= 6 apps, and pins every shard by sha256 and size", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const index = JSON.parse(await readFile(path.join(out, "index.json"), "utf8")) as RegistryIndex;
    expect(schemaCheck("index")(index)).toEqual([]);
    expect(index.apps.length).toBeGreaterThanOrEqual(6);
    for (const app of index.apps) {
      const bytes = await readFile(path.join(out, app.shard.path));
      expect(sha256Hex(bytes)).toBe(app.shard.sha256);
      expect(bytes.length).toBe(app.shard.size);
      const shard = JSON.parse(bytes.toString("utf8")) as AppShard;
      expect(schemaCheck("shard")(shard)).toEqual([]);
      expect(shard.id).toBe(app.id);
      if (app.icon) expect(sha256Hex(await readFile(path.join(out, app.icon.path)))).toBe(app.icon.sha256);
    }
    const harbor = index.apps.find((a) => a.id === "harbor");
    expect(harbor?.latest.helm).toEqual({ version: "1.19.1", appVersion: "2.15.1", released: "2026-05-27" });
  });

  it("writes a Helm repository index (helm/index.yaml) with the field names of real Helm indexes", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const text = await readFile(path.join(out, "helm/index.yaml"), "utf8");
    const entries = parseHelmRepoIndex(text);
    const index = JSON.parse(await readFile(path.join(out, "index.json"), "utf8")) as RegistryIndex;
    const helmApps = index.apps.filter((a) => a.latest.helm);
    expect(new Set(entries.map((e) => e.name))).toEqual(new Set(helmApps.map((a) => a.id)));
    const harbor = entries.find((e) => e.name === "harbor");
    expect(harbor).toMatchObject({ version: "1.19.1", appVersion: "2.15.1", digest: "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1", urls: ["https://helm.goharbor.io/harbor-1.19.1.tgz"] });
    // Every key we write is one Helm itself writes in a real repository index.
    const real = parse(await readFile(path.join(CORPUS, "helm/index/harbor-helm-published-index.yaml"), "utf8")) as { entries: Record<string, Record<string, unknown>[]> };
    const helmKeys = new Set([...Object.values(real.entries).flat().flatMap((e) => Object.keys(e)), "kubeVersion", "type", "dependencies", "annotations", "deprecated"]);
    const ours = parse(text) as { apiVersion: string; entries: Record<string, Record<string, unknown>[]>; generated: string };
    expect(ours.apiVersion).toBe("v1");
    for (const key of Object.values(ours.entries).flat().flatMap((e) => Object.keys(e))) expect(helmKeys.has(key), key).toBe(true);
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

  it("keeps suspended apps and versions in the index, marked, and never offers a suspended version as latest", async () => {
    const r = await tempRegistry(["harbor", "wordpress"]);
    await r.edit("apps/wordpress/app.yaml", "status: active", "status: suspended");
    await r.edit("apps/harbor/versions/helm/1.19.1.yaml", "status: released", "status: suspended");
    const out = path.join(await tempDir(), "dist");
    await build(r.root, out);
    const index = JSON.parse(await readFile(path.join(out, "index.json"), "utf8")) as RegistryIndex;
    expect(index.apps.find((a) => a.id === "wordpress")?.status).toBe("suspended");
    const harbor = index.apps.find((a) => a.id === "harbor");
    expect(harbor?.latest).toEqual({});
    const shard = JSON.parse(await readFile(path.join(out, "apps/harbor.json"), "utf8")) as AppShard;
    expect(shard.versions[0]?.status).toBe("suspended");
    expect(index.categories.find((c) => c.id === "content-management")?.apps).toBe(0);
  });

  it("writes nothing when the registry has errors, and leaves the previous output untouched", async () => {
    const out = path.join(await tempDir(), "dist");
    await build(REPO_ROOT, out);
    const before = await readTree(out);
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/app.yaml", "license: Apache-2.0", "license: Apache 2");
    const result = await validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: true });
    await expect(buildRegistry(result, out)).rejects.toThrow(/validation errors/);
    expect(await readTree(out)).toEqual(before);
  });
});
