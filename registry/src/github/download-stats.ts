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
  /** Each app's GitHub Discussion (ratings and comments) by app id; keys sorted. Absent: no app has one yet. */
  discussions?: Record<string, AppDiscussion>;
}

/**
 * An app's one GitHub Discussion, created by the discussions workflow when the app is first
 * published (registry/src/github/ensure-app-discussions.ts), its counts refreshed daily by the
 * stats workflow: 👍 and 👎 reactions on the discussion (the rating) and its comments.
 */
export interface AppDiscussion {
  /** Discussion number in the registry's repository. */
  number: number;
  /** Its https://github.com/<owner>/<repo>/discussions/<number> page. */
  url: string;
  /** 👍 reactions (THUMBS_UP) on the discussion itself. */
  upvotes: number;
  /** 👎 reactions (THUMBS_DOWN) on the discussion itself. */
  downvotes: number;
  /** Top-level comments. */
  comments: number;
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

/** The stats file for `downloads` (and `discussions`, when any), keys sorted so the same counts give the same bytes. */
export function makeDownloadStats(
  downloads: Readonly<Record<string, number>>,
  generated: Date,
  discussions?: Readonly<Record<string, AppDiscussion>>,
): DownloadStats {
  const discussionsPart =
    discussions && Object.keys(discussions).length > 0 ? { discussions: sortedByKey(discussions) } : {};
  return {
    formatVersion: 1,
    generated: `${generated.toISOString().slice(0, 19)}Z`,
    downloads: sortedByKey(downloads),
    ...discussionsPart,
  };
}

function sortedByKey<T>(record: Readonly<Record<string, T>>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** True when two stats files hold the same counts and discussions (the time they were read aside). */
export function sameDownloads(a: DownloadStats, b: DownloadStats): boolean {
  return (
    JSON.stringify(a.downloads) === JSON.stringify(b.downloads) &&
    JSON.stringify(a.discussions ?? {}) === JSON.stringify(b.discussions ?? {})
  );
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
  if (typeof downloads !== "object" || downloads === null || Array.isArray(downloads))
    return fail("downloads must be an object of URL -> count");
  for (const [url, count] of Object.entries(downloads)) {
    if (!Number.isSafeInteger(count) || (count as number) < 0)
      fail(`downloads["${url}"] is ${JSON.stringify(count)}, expected a whole number >= 0`);
  }
  const discussions = record.discussions;
  if (discussions !== undefined) {
    if (typeof discussions !== "object" || discussions === null || Array.isArray(discussions))
      return fail("discussions must be an object of app id -> discussion");
    for (const [id, d] of Object.entries(discussions)) {
      const item = (typeof d === "object" && d !== null ? d : {}) as Record<string, unknown>;
      for (const field of ["number", "upvotes", "downvotes", "comments"]) {
        const n = item[field];
        if (!Number.isSafeInteger(n) || (n as number) < (field === "number" ? 1 : 0))
          fail(
            `discussions["${id}"].${field} is ${JSON.stringify(n)}, expected a whole number >= ${field === "number" ? 1 : 0}`,
          );
      }
      if (typeof item.url !== "string" || !/^https:\/\/github\.com\/[^/]+\/[^/]+\/discussions\/\d+$/.test(item.url))
        fail(`discussions["${id}"].url must be https://github.com/<owner>/<repo>/discussions/<number>`);
    }
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
