import type { Octokit } from "octokit";
import { warning, type Diagnostic } from "../report/diagnostic.ts";
import { parseReleaseAssetUrl, type ReleaseAsset } from "./download-stats.ts";

/** An artifact URL and the version manifest that names it (where problems are reported). */
export interface ArtifactUrl {
  url: string;
  file: string;
}

/** Counts found by URL, and why others are missing. */
export interface DownloadCounts {
  downloads: Record<string, number>;
  diagnostics: Diagnostic[];
}

/**
 * Reads the download count of every artifact that is a GitHub Releases asset, with one
 * `GET /repos/{owner}/{repo}/releases/tags/{tag}` per release. Other URLs are skipped:
 * their hosts publish no counts. A missing release or asset is a warning, never a made-up zero.
 */
export async function readDownloadCounts(octokit: Octokit, artifacts: readonly ArtifactUrl[]): Promise<DownloadCounts> {
  const byRelease = new Map<string, { release: ReleaseAsset; items: (ArtifactUrl & { name: string })[] }>();
  for (const artifact of artifacts) {
    const asset = parseReleaseAssetUrl(artifact.url);
    if (!asset) continue;
    const key = `${asset.owner}/${asset.repo}@${asset.tag}`;
    const group = byRelease.get(key) ?? { release: asset, items: [] };
    group.items.push({ ...artifact, name: asset.name });
    byRelease.set(key, group);
  }
  const downloads: Record<string, number> = {};
  const diagnostics: Diagnostic[] = [];
  for (const [key, { release, items }] of byRelease) {
    const counts = await readReleaseCounts(octokit, release);
    if (counts instanceof Error) {
      for (const item of items)
        diagnostics.push(
          warning("stats/release-unreadable", item.file, undefined, `cannot read release ${key}: ${counts.message}`),
        );
      continue;
    }
    for (const item of items) {
      const count = counts.get(item.name);
      if (count === undefined) {
        diagnostics.push(
          warning(
            "stats/asset-missing",
            item.file,
            undefined,
            `release ${key} has no asset named "${item.name}"`,
            "check the artifact URL against the release page",
          ),
        );
      } else {
        downloads[item.url] = count;
      }
    }
  }
  return { downloads, diagnostics };
}

/** Download count by asset name for one release, or the error that stopped the read. */
async function readReleaseCounts(octokit: Octokit, release: ReleaseAsset): Promise<Map<string, number> | Error> {
  try {
    const { data } = await octokit.rest.repos.getReleaseByTag({
      owner: release.owner,
      repo: release.repo,
      tag: release.tag,
    });
    return new Map(data.assets.map((asset) => [asset.name, asset.download_count]));
  } catch (error) {
    const status = (error as { status?: number }).status;
    return new Error(status === 404 ? "no such release (HTTP 404)" : (error as Error).message);
  }
}
