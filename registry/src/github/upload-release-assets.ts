import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Octokit } from "octokit";
import { sha256Hex } from "../artifact/digest.ts";
import { ASSET_LIST_FILE, parseAssetList } from "../index/release-assets/asset-list.ts";
import {
  planUploads,
  type LocalAsset,
  type RemoteAsset,
  type UploadStep,
} from "../index/release-assets/plan-uploads.ts";
import type { RepoRef } from "./create-octokit.ts";

/** What an upload run did. */
export interface UploadResult {
  /** Releases created (tags). */
  created: string[];
  /** Assets uploaded, as `<tag>/<name>`. */
  uploaded: string[];
  /** Assets already there with the same bytes, as `<tag>/<name>`. */
  skipped: string[];
}

interface Release {
  id: number;
  upload_url: string;
  assets: RemoteAsset[];
}

/**
 * Uploads the hosted copies the build wrote to `dir` (`<tag>/<asset>` files listed in
 * `release-assets.json`) as GitHub Release assets of `repo`, one release per app. First
 * every file is checked against the list (sha256, size) and every release read; then
 * {@link planUploads} decides; an existing asset without a digest is downloaded and
 * compared. Only when nothing conflicts are releases created and missing assets uploaded,
 * and each upload's answer is checked (size, digest). Existing assets are never replaced
 * or deleted.
 *
 * @throws Error when a file differs from the list, the list names another repository, an
 *   asset already on GitHub has other bytes (all conflicts are named), or an upload fails
 */
export async function uploadReleaseAssets(octokit: Octokit, repo: RepoRef, dir: string): Promise<UploadResult> {
  const listFile = path.join(dir, ASSET_LIST_FILE);
  const list = parseAssetList(JSON.parse(await readFile(listFile, "utf8")), ASSET_LIST_FILE);
  if (list.repository !== `${repo.owner}/${repo.repo}`)
    throw new Error(`${ASSET_LIST_FILE}: the build made URLs for ${list.repository}, not ${repo.owner}/${repo.repo}`);
  const bytes = new Map<string, Buffer>();
  for (const a of list.assets) {
    const data = await readFile(path.join(dir, a.tag, a.name));
    if (data.length !== a.size || sha256Hex(data) !== a.sha256)
      throw new Error(
        `${a.tag}/${a.name}: its bytes are not the ones ${ASSET_LIST_FILE} lists (sha256 ${a.sha256}, ${a.size} bytes)`,
      );
    bytes.set(`${a.tag}/${a.name}`, data);
  }
  const releases = new Map<string, Release | undefined>();
  for (const tag of new Set(list.assets.map((a) => a.tag))) releases.set(tag, await readRelease(octokit, repo, tag));
  const remote = new Map([...releases].map(([tag, r]) => [tag, r?.assets] as const));
  const steps = await Promise.all(
    planUploads(list.assets, remote).map((s) =>
      s.kind === "compare-bytes" ? compareBytes(octokit, repo, s.asset, s.remote) : s,
    ),
  );
  const conflicts = steps.flatMap((s) => (s.kind === "conflict" ? [`${s.asset.tag}/${s.asset.name}: ${s.why}`] : []));
  if (conflicts.length > 0)
    throw new Error(
      `release assets are immutable and ${conflicts.length} would not serve the published digest; nothing was uploaded:\n${conflicts.join("\n")}`,
    );
  const result: UploadResult = { created: [], uploaded: [], skipped: [] };
  for (const step of steps) {
    if (step.kind === "create-release") {
      const { data } = await octokit.rest.repos.createRelease({
        ...repo,
        tag_name: step.tag,
        name: step.tag,
        body: "Copies of released artifacts hosted by the Appshelf registry (one asset per version). Assets are never replaced.",
        make_latest: "false",
      });
      releases.set(step.tag, { id: data.id, upload_url: data.upload_url, assets: [] });
      result.created.push(step.tag);
    } else if (step.kind === "upload") {
      const release = releases.get(step.asset.tag);
      if (!release) throw new Error(`release ${step.asset.tag} is missing after it was read or created`);
      await upload(octokit, release, step.asset, bytes.get(`${step.asset.tag}/${step.asset.name}`) ?? Buffer.alloc(0));
      result.uploaded.push(`${step.asset.tag}/${step.asset.name}`);
    } else if (step.kind === "skip") result.skipped.push(`${step.asset.tag}/${step.asset.name}`);
  }
  return result;
}

async function readRelease(octokit: Octokit, repo: RepoRef, tag: string): Promise<Release | undefined> {
  try {
    const { data } = await octokit.rest.repos.getReleaseByTag({ ...repo, tag });
    return {
      id: data.id,
      upload_url: data.upload_url,
      assets: data.assets.map((a) => ({
        id: a.id,
        name: a.name,
        size: a.size,
        digest: (a as { digest?: string | null }).digest ?? null,
        state: a.state,
      })),
    };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/** An asset without a digest: its bytes decide (download through the API, hash). */
async function compareBytes(
  octokit: Octokit,
  repo: RepoRef,
  asset: LocalAsset,
  remote: RemoteAsset,
): Promise<UploadStep> {
  const { data } = await octokit.request("GET /repos/{owner}/{repo}/releases/assets/{asset_id}", {
    ...repo,
    asset_id: remote.id,
    headers: { accept: "application/octet-stream" },
  });
  const sha256 = sha256Hex(Buffer.from(data as unknown as ArrayBuffer));
  return sha256 === asset.sha256
    ? { kind: "skip", asset, why: "already uploaded with the same bytes" }
    : {
        kind: "conflict",
        asset,
        why: `release ${asset.tag} already has ${asset.name} with sha256 ${sha256}, not ${asset.sha256}`,
      };
}

/** Uploads one asset to the release's `upload_url` and checks what GitHub stored. */
async function upload(octokit: Octokit, release: Release, asset: LocalAsset, data: Buffer): Promise<void> {
  const { data: stored } = (await octokit.request({
    method: "POST",
    url: release.upload_url,
    name: asset.name,
    data,
    headers: { "content-type": "application/octet-stream", "content-length": data.length },
  })) as { data: { size?: number; digest?: string | null; state?: string } };
  if (stored.size !== asset.size || (stored.digest && stored.digest !== `sha256:${asset.sha256}`)) {
    throw new Error(
      `${asset.tag}/${asset.name}: GitHub stored ${stored.size} bytes with digest ${stored.digest ?? "unknown"}, not ${asset.size} bytes with sha256:${asset.sha256}`,
    );
  }
}
