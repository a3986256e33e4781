import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseDownloadStats, type AppDiscussion, type DownloadStats } from "../../../registry/src/site-api.ts";
import { readPinnedFile } from "./index-files.ts";
import { loadIndex } from "./load-index.ts";
import type { FileRef, Shard } from "./types.ts";

/** Name of the download stats file in the index folder, beside index.json. */
export const STATS_FILE = "stats.json";

let cached: { stats: DownloadStats | undefined } | undefined;

/**
 * The download stats published with the index (schema/stats.schema.json): the file index.json
 * pins under `stats` (checked against its SHA-256 and size) when it names one, else
 * `stats.json` beside index.json when present, else undefined: the catalog then shows no counts.
 *
 * @throws Error when the file is not a valid stats file or does not match its pin.
 */
export function loadStats(): DownloadStats | undefined {
  const { dir, index } = loadIndex();
  cached ??= { stats: readStats(dir, (index as { stats?: FileRef }).stats) };
  return cached.stats;
}

export function readStats(dir: string, pin?: FileRef): DownloadStats | undefined {
  const file = join(dir, pin?.path ?? STATS_FILE);
  if (!pin && !existsSync(file)) return undefined;
  const bytes = pin ? readPinnedFile(dir, pin, "download stats") : readFileSync(file);
  return parseDownloadStats(JSON.parse(bytes.toString("utf8")), file);
}

/** Downloads of one artifact, when its host reported them. */
export function downloadsOf(artifactUrl: string): number | undefined {
  return loadStats()?.downloads[artifactUrl];
}

/** Downloads of all of an app's artifacts with a known count; undefined when none has one. */
export function appDownloads(shard: Shard): number | undefined {
  const counts = shard.versions.flatMap((v) => {
    const n = downloadsOf(v.artifact.url);
    return n === undefined ? [] : [n];
  });
  return counts.length === 0 ? undefined : counts.reduce((sum, n) => sum + n, 0);
}

/** An app's GitHub Discussion with its 👍/👎 and comment counts, when the stats file records one. */
export function discussionOf(appId: string): AppDiscussion | undefined {
  return loadStats()?.discussions?.[appId];
}
