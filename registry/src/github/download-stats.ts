/**
 * `stats.json`: download counts of release artifacts, read from the hosts that serve them
 * (schema/stats.schema.json is the source of truth). The scheduled stats workflow writes it
 * to `.github/appshelf/downloads.json`; the index build publishes it beside index.json and the catalog
 * shows the counts. An artifact missing from `downloads` has no known count: the catalog then
 * says nothing rather than a made-up number.
 */
export interface DownloadStats {
  formatVersion: 1;
  /** When the counts were read: ISO 8601 UTC, e.g. "2026-11-21T06:00:00Z". */
  generated: string;
  /** Download count by artifact URL, exactly as the version manifests write the URL. Keys sorted. */
  downloads: Record<string, number>;
}

/** A GitHub Releases asset named by its download URL. */
export interface ReleaseAsset {
  owner: string;
  repo: string;
  tag: string;
  /** File name of the asset. */
  name: string;
}

const RELEASE_ASSET = /^https:\/\/github\.com\/([^/]+)\/([^/]+)\/releases\/download\/(.+)\/([^/]+)$/;

/**
 * Reads `https://github.com/<owner>/<repo>/releases/download/<tag>/<name>`; any other URL
 * (another host, a `latest/download` link, a query string) is not a release asset.
 */
export function parseReleaseAssetUrl(url: string): ReleaseAsset | undefined {
  const match = RELEASE_ASSET.exec(url);
  if (!match) return undefined;
  const [, owner = "", repo = "", tag = "", name = ""] = match.map((part) => safeDecode(part ?? ""));
  if (!owner || !repo || !tag || !name || url.includes("?") || url.includes("#")) return undefined;
  return { owner, repo, tag, name };
}

/** The stats file for `downloads`, keys sorted so the same counts give the same bytes. */
export function makeDownloadStats(downloads: Readonly<Record<string, number>>, generated: Date): DownloadStats {
  const sorted = Object.fromEntries(Object.entries(downloads).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { formatVersion: 1, generated: `${generated.toISOString().slice(0, 19)}Z`, downloads: sorted };
}

/** True when two stats files hold the same counts (the time they were read aside). */
export function sameDownloads(a: DownloadStats, b: DownloadStats): boolean {
  return JSON.stringify(a.downloads) === JSON.stringify(b.downloads);
}

/**
 * Checks a parsed stats file and returns it typed.
 *
 * @throws Error naming the first field that is not as schema/stats.schema.json says.
 */
export function parseDownloadStats(value: unknown, file: string): DownloadStats {
  const fail = (what: string): never => {
    throw new Error(`${file}: ${what} (see schema/stats.schema.json).`);
  };
  if (typeof value !== "object" || value === null || Array.isArray(value)) return fail("expected a JSON object");
  const record = value as Record<string, unknown>;
  if (record.formatVersion !== 1) fail(`formatVersion is ${JSON.stringify(record.formatVersion)}, expected 1`);
  if (typeof record.generated !== "string") fail("generated must be an ISO 8601 date-time string");
  const downloads = record.downloads;
  if (typeof downloads !== "object" || downloads === null || Array.isArray(downloads)) return fail("downloads must be an object of URL -> count");
  for (const [url, count] of Object.entries(downloads)) {
    if (!Number.isSafeInteger(count) || (count as number) < 0) fail(`downloads["${url}"] is ${JSON.stringify(count)}, expected a whole number >= 0`);
  }
  return value as DownloadStats;
}

function safeDecode(part: string): string {
  try {
    return decodeURIComponent(part);
  } catch {
    return "";
  }
}
