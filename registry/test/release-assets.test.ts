import { readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sha256Hex } from "../src/artifact/digest.ts";
import { collectDownloadStats } from "../src/github/collect-download-stats.ts";
import { uploadReleaseAssets } from "../src/github/upload-release-assets.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import { releaseAssetPath } from "../src/index/release-assets/release-asset-url.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { releaseWith, startGitHubStandIn } from "./github-stand-in.ts";
import { startReleasesStandIn } from "./github-releases-stand-in.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "./temp-registry.ts";

const HOSTING = { owner: "shelf", repo: "registry" };
const ASSET = (app: string, file: string) =>
  `https://github.com/shelf/registry/releases/download/appshelf-${app}/${file}`;
const PUBLICATION = { serial: 3, expires: "2030-01-01T00:00:00Z" };

/** harbor (upstream bytes, hosted with --host-artifacts), mysql (a hosted re-pack) and tasks (a hosted Nextcloud re-pack), built with release-asset hosting. */
async function buildWithReleaseAssets() {
  const registry = await tempRegistry(["harbor", "mysql", "tasks"]);
  const result = await validateRegistry({
    root: registry.root,
    mirrors: [CORPUS],
    offline: true,
    requireArtifacts: true,
  });
  expect(errorsOf(result.diagnostics)).toEqual([]);
  const out = path.join(await tempDir(), "dist");
  const assets = path.join(await tempDir(), "release-assets");
  const input = indexBuildInput(result, { hostArtifacts: true, releaseAssets: HOSTING });
  const summary = await buildRegistry(input, out, PUBLICATION, [], undefined, {
    releaseAssets: { ...HOSTING, outDir: assets },
  });
  return { root: registry.root, out, assets, summary };
}

type Shard = { versions: { artifact: { url: string; sha256: string; size?: number; source?: string } }[] };
const shardOf = async (out: string, id: string) =>
  JSON.parse(await readFile(path.join(out, `apps/${id}.json`), "utf8")) as Shard;

describe("hosting copies as GitHub Release assets (one release per app, one asset per version)", () => {
  it("publishes release-asset URLs first, keeps the bytes out of the site and lists them for upload", async () => {
    const { out, assets, summary } = await buildWithReleaseAssets();
    expect(summary.hosted.count).toBe(3);
    expect((await shardOf(out, "harbor")).versions[0]?.artifact).toMatchObject({
      url: ASSET("harbor", "harbor-1.19.1.tgz"),
      source: "https://helm.goharbor.io/harbor-1.19.1.tgz",
    });
    expect((await shardOf(out, "tasks")).versions[0]?.artifact.url).toBe(ASSET("tasks", "0.18.1-tasks.tar.gz"));
    const helm = parse(await readFile(path.join(out, "helm/index.yaml"), "utf8")) as {
      entries: Record<string, { urls: string[] }[]>;
    };
    expect(helm.entries.harbor?.[0]?.urls).toEqual([
      ASSET("harbor", "harbor-1.19.1.tgz"),
      "https://helm.goharbor.io/harbor-1.19.1.tgz",
    ]);
    expect(helm.entries.mysql?.[0]?.urls).toEqual([ASSET("mysql", "mysql-14.0.5.tgz")]);
    expect(await readdir(out)).not.toContain("artifacts");
    const list = JSON.parse(await readFile(path.join(assets, "release-assets.json"), "utf8")) as {
      repository: string;
      assets: { tag: string; name: string }[];
    };
    expect(list.repository).toBe("shelf/registry");
    expect(list.assets.map((a) => `${a.tag}/${a.name}`)).toEqual([
      "appshelf-harbor/harbor-1.19.1.tgz",
      "appshelf-mysql/mysql-14.0.5.tgz",
      "appshelf-tasks/0.18.1-tasks.tar.gz",
    ]);
  });

  it("after the upload every published (URL, digest) pair is true: the asset each URL names has exactly that digest and size", async () => {
    const { out, assets } = await buildWithReleaseAssets();
    const github = await startReleasesStandIn(HOSTING.owner, HOSTING.repo);
    try {
      await uploadReleaseAssets(github.octokit, HOSTING, assets);
      for (const id of ["harbor", "mysql", "tasks"]) {
        for (const v of (await shardOf(out, id)).versions) {
          const at = releaseAssetPath(HOSTING, v.artifact.url);
          const bytes = github.releases.get(at?.tag ?? "")?.find((a) => a.name === at?.name)?.bytes;
          expect({ url: v.artifact.url, sha256: bytes && sha256Hex(bytes), size: bytes?.length }).toEqual({
            url: v.artifact.url,
            sha256: v.artifact.sha256,
            size: v.artifact.size,
          });
        }
      }
      // A rebuild publishes the same URLs and bytes: the second upload finds them all and uploads nothing.
      const again = await buildWithReleaseAssets();
      expect(await uploadReleaseAssets(github.octokit, HOSTING, again.assets)).toMatchObject({
        uploaded: [],
        created: [],
      });
    } finally {
      await github.close();
    }
  });

  it("the stats read every hosted copy's release asset download_count, under the URL the shards publish", async () => {
    const { root } = await buildWithReleaseAssets();
    const github = await startGitHubStandIn({
      "/repos/shelf/registry/releases/tags/appshelf-harbor": releaseWith("appshelf-harbor", {
        "harbor-1.19.1.tgz": 12,
      }),
      "/repos/shelf/registry/releases/tags/appshelf-mysql": releaseWith("appshelf-mysql", { "mysql-14.0.5.tgz": 5 }),
      "/repos/shelf/registry/releases/tags/appshelf-tasks": releaseWith("appshelf-tasks", {
        "0.18.1-tasks.tar.gz": 31,
      }),
    });
    try {
      const previousFile = path.join(await tempDir(), "downloads.json");
      const result = await collectDownloadStats({
        root,
        previousFile,
        octokit: github.octokit,
        now: new Date("2026-12-07T00:00:00Z"),
        hosting: { releaseAssets: HOSTING, hostArtifacts: true },
      });
      expect(result.diagnostics).toEqual([]);
      expect(result.stats.downloads).toEqual({
        [ASSET("harbor", "harbor-1.19.1.tgz")]: 12,
        [ASSET("mysql", "mysql-14.0.5.tgz")]: 5,
        [ASSET("tasks", "0.18.1-tasks.tar.gz")]: 31,
      });
    } finally {
      await github.close();
    }
  });
});
