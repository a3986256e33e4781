import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { sha256Hex } from "../src/artifact/digest.ts";
import { uploadReleaseAssets } from "../src/github/upload-release-assets.ts";
import { ASSET_LIST_FILE, type AssetList } from "../src/index/release-assets/asset-list.ts";
import { startReleasesStandIn, type ReleasesStandIn } from "./github-releases-stand-in.ts";
import { CORPUS, tempDir } from "./temp-registry.ts";

const REPO = { owner: "shelf", repo: "registry" };
let standIn: ReleasesStandIn | undefined;
afterEach(async () => {
  await standIn?.close();
  standIn = undefined;
});

/** Real corpus archives laid out as the build writes them: `<tag>/<asset>` and the list. */
async function assetsDir(): Promise<{ dir: string; harbor: Buffer; mysql: Buffer }> {
  const dir = await tempDir();
  const harbor = await readFile(path.join(CORPUS, "helm/published/harbor-1.19.1.tgz"));
  const mysql = await readFile(path.join(CORPUS, "helm/packaged/mysql-14.0.5.tgz"));
  const files = [
    { tag: "appshelf-harbor", name: "harbor-1.19.1.tgz", bytes: harbor },
    { tag: "appshelf-mysql", name: "mysql-14.0.5.tgz", bytes: mysql },
  ];
  for (const f of files) {
    await mkdir(path.join(dir, f.tag), { recursive: true });
    await writeFile(path.join(dir, f.tag, f.name), f.bytes);
  }
  const list: AssetList = {
    formatVersion: 1,
    repository: "shelf/registry",
    assets: files.map((f) => ({ tag: f.tag, name: f.name, sha256: sha256Hex(f.bytes), size: f.bytes.length })),
  };
  await writeFile(path.join(dir, ASSET_LIST_FILE), JSON.stringify(list));
  return { dir, harbor, mysql };
}

const uploads = (s: ReleasesStandIn) => s.seen.filter((r) => r.startsWith("POST "));

describe("uploadReleaseAssets against a stand-in of GitHub's Releases API", () => {
  it("creates one release per app, uploads each asset once; a second run uploads nothing", async () => {
    const { dir, harbor } = await assetsDir();
    standIn = await startReleasesStandIn(REPO.owner, REPO.repo);
    expect(await uploadReleaseAssets(standIn.octokit, REPO, dir)).toEqual({
      created: ["appshelf-harbor", "appshelf-mysql"],
      uploaded: ["appshelf-harbor/harbor-1.19.1.tgz", "appshelf-mysql/mysql-14.0.5.tgz"],
      skipped: [],
    });
    expect(standIn.releases.get("appshelf-harbor")?.map((a) => sha256Hex(a.bytes))).toEqual([sha256Hex(harbor)]);
    const before = uploads(standIn).length;
    expect(await uploadReleaseAssets(standIn.octokit, REPO, dir)).toEqual({
      created: [],
      uploaded: [],
      skipped: ["appshelf-harbor/harbor-1.19.1.tgz", "appshelf-mysql/mysql-14.0.5.tgz"],
    });
    expect(uploads(standIn).length).toBe(before);
  });

  it("skips an asset already present with the same digest, or (no digest) the same bytes after downloading it", async () => {
    const { dir, harbor, mysql } = await assetsDir();
    standIn = await startReleasesStandIn(REPO.owner, REPO.repo);
    standIn.put("appshelf-harbor", "harbor-1.19.1.tgz", harbor);
    standIn.put("appshelf-mysql", "mysql-14.0.5.tgz", mysql, { withDigest: false });
    expect(await uploadReleaseAssets(standIn.octokit, REPO, dir)).toEqual({
      created: [],
      uploaded: [],
      skipped: ["appshelf-harbor/harbor-1.19.1.tgz", "appshelf-mysql/mysql-14.0.5.tgz"],
    });
    expect(standIn.seen.filter((r) => r.startsWith("GET /repos/shelf/registry/releases/assets/"))).toHaveLength(1);
    expect(uploads(standIn)).toEqual([]);
  });

  it("fails closed when an asset of that name has other bytes, and uploads nothing at all", async () => {
    const { dir, harbor } = await assetsDir();
    standIn = await startReleasesStandIn(REPO.owner, REPO.repo);
    standIn.put("appshelf-harbor", "harbor-1.19.1.tgz", Buffer.from(harbor).fill(0, 100, 200));
    await expect(uploadReleaseAssets(standIn.octokit, REPO, dir)).rejects.toThrow(
      `release assets are immutable and 1 would not serve the published digest; nothing was uploaded:\nappshelf-harbor/harbor-1.19.1.tgz: release appshelf-harbor already has harbor-1.19.1.tgz with digest sha256:${sha256Hex(Buffer.from(harbor).fill(0, 100, 200))}, not sha256:${sha256Hex(harbor)}`,
    );
    expect(uploads(standIn)).toEqual([]);
    expect(standIn.releases.has("appshelf-mysql")).toBe(false);
  });

  it("fails closed on other bytes without a digest, another size, or an unfinished upload", async () => {
    const { dir, harbor, mysql } = await assetsDir();
    standIn = await startReleasesStandIn(REPO.owner, REPO.repo, { withDigests: false });
    standIn.put("appshelf-harbor", "harbor-1.19.1.tgz", Buffer.from(harbor).fill(7, 0, 10));
    standIn.put("appshelf-mysql", "mysql-14.0.5.tgz", mysql.subarray(1));
    const error = await uploadReleaseAssets(standIn.octokit, REPO, dir).catch((e: Error) => e);
    expect((error as Error).message.split("\n").slice(1)).toEqual([
      `appshelf-harbor/harbor-1.19.1.tgz: release appshelf-harbor already has harbor-1.19.1.tgz with sha256 ${sha256Hex(Buffer.from(harbor).fill(7, 0, 10))}, not ${sha256Hex(harbor)}`,
      `appshelf-mysql/mysql-14.0.5.tgz: release appshelf-mysql already has mysql-14.0.5.tgz with ${mysql.length - 1} bytes, not ${mysql.length}`,
    ]);
    const again = await startReleasesStandIn(REPO.owner, REPO.repo);
    try {
      again.put("appshelf-harbor", "harbor-1.19.1.tgz", harbor, { state: "starter" });
      await expect(uploadReleaseAssets(again.octokit, REPO, dir)).rejects.toThrow(
        /unfinished upload of harbor-1\.19\.1\.tgz \(state starter\)/,
      );
    } finally {
      await again.close();
    }
  });

  it("refuses local files that are not the bytes the build listed, or a list made for another repository", async () => {
    const { dir } = await assetsDir();
    standIn = await startReleasesStandIn(REPO.owner, REPO.repo);
    await expect(uploadReleaseAssets(standIn.octokit, { owner: "someone", repo: "else" }, dir)).rejects.toThrow(
      "release-assets.json: the build made URLs for shelf/registry, not someone/else",
    );
    await writeFile(path.join(dir, "appshelf-mysql/mysql-14.0.5.tgz"), "tampered");
    await expect(uploadReleaseAssets(standIn.octokit, REPO, dir)).rejects.toThrow(
      /^appshelf-mysql\/mysql-14\.0\.5\.tgz: its bytes are not the ones release-assets\.json lists/,
    );
    expect(standIn.seen).toEqual([]);
  });
});
