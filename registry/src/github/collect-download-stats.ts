import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Octokit } from "octokit";
import { loadRegistry } from "../manifest/load-registry.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import { hostedFileOf, isHosted } from "../index/build-index.ts";
import type { VersionManifest } from "../manifest/types.ts";
import {
  releaseAssetName,
  releaseAssetUrl,
  type ReleaseAssetHosting,
} from "../index/release-assets/release-asset-url.ts";
import type { RepoRef } from "./create-octokit.ts";
import { makeDownloadStats, parseDownloadStats, sameDownloads, type DownloadStats } from "./download-stats.ts";
import { refreshDiscussionCounts } from "./ensure-app-discussions.ts";
import { readDownloadCounts, type ArtifactUrl } from "./read-download-counts.ts";

export interface CollectOptions {
  /** Registry root (holds apps/ and schema/). */
  root: string;
  /** The stats file to compare with: when the counts are unchanged it is kept as is. */
  previousFile: string;
  octokit: Octokit;
  now: Date;
  /** The registry's repository, whose app discussions (recorded in the previous file) are counted again; without it they are kept as they are. */
  discussionsRepo?: RepoRef;
  /**
   * How the publish hosts copies (`build --release-assets <repo> [--host-artifacts]`): every
   * hosted copy's release-asset URL is counted too, under the URL the shards publish.
   */
  hosting?: { releaseAssets: ReleaseAssetHosting; hostArtifacts: boolean };
}

export interface CollectResult {
  stats: DownloadStats;
  /** False when the counts equal those of the previous file (then `stats` is that file). */
  changed: boolean;
  /** Artifacts that are GitHub Releases assets, counted or not. */
  artifacts: number;
  diagnostics: Diagnostic[];
}

/**
 * Reads the download count of every GitHub Releases artifact the registry's versions name
 * (with `hosting`, also every hosted copy's release asset),
 * and (with `discussionsRepo`) the 👍/👎 reactions and comments of every app discussion the
 * previous file records. Discussions are never dropped by a run that does not count them.
 */
export async function collectDownloadStats(options: CollectOptions): Promise<CollectResult> {
  const registry = await loadRegistry(options.root);
  const artifacts: ArtifactUrl[] = registry.apps.flatMap((app) =>
    app.versions.flatMap((v) => {
      const data = v.parsed.data as Partial<VersionManifest> | undefined;
      const url = data?.artifact?.url;
      const listed = typeof url === "string" ? [{ url, file: v.parsed.file }] : [];
      const hosting = options.hosting;
      if (
        !hosting ||
        !data?.artifact ||
        typeof data.delivery !== "string" ||
        typeof data.version !== "string" ||
        !isHosted(hosting, data as VersionManifest)
      )
        return listed;
      return [
        {
          url: releaseAssetUrl(
            hosting.releaseAssets,
            app.id,
            releaseAssetName(data.version, hostedFileOf(app.id, data as VersionManifest)),
          ),
          file: v.parsed.file,
        },
        ...listed,
      ];
    }),
  );
  const { downloads, diagnostics } = await readDownloadCounts(options.octokit, artifacts);
  const previous = await readPrevious(options.previousFile);
  let discussions = previous?.discussions ?? {};
  if (options.discussionsRepo) {
    const refreshed = await refreshDiscussionCounts(
      options.octokit,
      options.discussionsRepo,
      discussions,
      path.relative(options.root, options.previousFile),
    );
    discussions = refreshed.discussions;
    diagnostics.push(...refreshed.diagnostics);
  }
  const fresh = makeDownloadStats(downloads, options.now, discussions);
  const changed = !previous || !sameDownloads(previous, fresh);
  return {
    stats: changed || !previous ? fresh : previous,
    changed,
    artifacts: Object.keys(downloads).length,
    diagnostics,
  };
}

async function readPrevious(file: string): Promise<DownloadStats | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  return parseDownloadStats(JSON.parse(text), path.basename(file));
}
