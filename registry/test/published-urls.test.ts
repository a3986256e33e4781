import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "../src/artifact/digest.ts";
import { openMirror } from "../src/artifact/mirror.ts";
import { parseHelmRepoIndex } from "../src/import/helm-repo-index.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import type { AppShard } from "../src/index/index-types.ts";
import { urlFileName } from "../src/manifest/hosted-file-name.ts";
import type { VersionManifest } from "../src/manifest/types.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { CORPUS, errorsOf, REPO_ROOT, tempDir } from "./temp-registry.ts";

/** Folders of the mirror that hold files exactly as their upstream published them (see ../shared/corpus/README.md). */
const PUBLISHED_AS_IS = [path.join(CORPUS, "helm/published")];

/** The upstream repository indexes in the corpus, with the URL each was published at (its relative `urls` resolve against it). */
async function publishedIndexes(): Promise<{ digest?: string; url: string }[]> {
  const dir = path.join(CORPUS, "helm/index");
  const bases: Record<string, string> = { "harbor-helm-published-index.yaml": "https://helm.goharbor.io/" };
  const entries: { digest?: string; url: string }[] = [];
  for (const file of await readdir(dir)) {
    const base = bases[file];
    if (!base) continue;
    for (const e of parseHelmRepoIndex(await readFile(path.join(dir, file), "utf8"))) {
      for (const u of e.urls)
        entries.push({ ...(e.digest ? { digest: e.digest } : {}), url: new URL(u, base).toString() });
    }
  }
  return entries;
}

describe("every published (URL, digest) pair of the sample apps is true", () => {
  it("hosted copies serve their digest; upstream URLs are where those exact bytes are published", async () => {
    const result = await validateRegistry({
      root: REPO_ROOT,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    expect(errorsOf(result.diagnostics)).toEqual([]);
    const out = path.join(await tempDir(), "dist");
    await buildRegistry(indexBuildInput(result), out, { serial: 1, expires: "2030-01-01T00:00:00Z" });
    const { mirror } = await openMirror([CORPUS]);
    const indexes = await publishedIndexes();
    const checked: string[] = [];
    for (const app of result.apps) {
      const shard = JSON.parse(await readFile(path.join(out, "apps", `${app.folder}.json`), "utf8")) as AppShard;
      for (const facts of app.versions) {
        const v = facts.data as VersionManifest;
        const published = shard.versions.find((s) => s.version === v.version && s.delivery === v.delivery);
        const url = published?.artifact.url ?? "";
        const where = `${app.folder} ${v.delivery} ${v.version} (${url})`;
        expect(published?.artifact.sha256, where).toBe(v.artifact.sha256);
        if (!/^https:\/\//.test(url)) {
          // A copy the registry publishes: the file at that URL has the digest and size listed with it.
          const bytes = await readFile(path.join(out, url));
          expect(sha256Hex(bytes), where).toBe(v.artifact.sha256);
          if (v.artifact.size !== undefined) expect(bytes.length, where).toBe(v.artifact.size);
          expect(v.artifact.url, `${where}: a hosted copy's upstream URL is provenance only`).toBeUndefined();
        } else {
          // An upstream URL: the mirror's bytes with this digest must be the upstream's own file of that name,
          // and the upstream's repository index must list that digest at that URL.
          const hit = (await mirror.find(v.artifact.sha256, urlFileName(url))).hit;
          expect(hit, `${where}: no mirror file has this digest`).toBeDefined();
          expect(
            PUBLISHED_AS_IS.some((dir) => hit?.path.startsWith(dir + path.sep)),
            `${where}: the mirror's bytes are a re-pack (${hit?.path}), not the upstream's`,
          ).toBe(true);
          expect(path.basename(hit?.path ?? ""), where).toBe(urlFileName(url));
          if (v.delivery === "helm")
            expect(indexes, `${where}: the upstream index does not list this digest at this URL`).toContainEqual({
              digest: v.artifact.sha256,
              url,
            });
        }
        checked.push(`${app.folder}/${v.delivery}/${v.version}`);
      }
    }
    expect(checked.length).toBe(result.counts.versions);
  });

  it("the check fails for an upstream URL listed with a re-pack's digest", async () => {
    const { mirror } = await openMirror([CORPUS]);
    // mysql's re-pack in the mirror, claimed at Bitnami's URL (what the sample app used to say).
    const repack = (await readdir(path.join(CORPUS, "helm/packages"))).find((f) => f.startsWith("mysql-"));
    const bytes = await readFile(path.join(CORPUS, "helm/packages", repack ?? ""));
    const hit = (await mirror.find(sha256Hex(bytes), "mysql-14.0.5.tgz")).hit;
    expect(PUBLISHED_AS_IS.some((dir) => hit?.path.startsWith(dir + path.sep))).toBe(false);
    expect(await publishedIndexes()).not.toContainEqual({
      digest: sha256Hex(bytes),
      url: "https://charts.bitnami.com/bitnami/mysql-14.0.5.tgz",
    });
  });
});
