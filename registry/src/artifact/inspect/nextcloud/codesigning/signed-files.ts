import { createHash } from "node:crypto";

/**
 * File names Nextcloud's integrity check never hashes (nextcloud/server
 * `lib/private/IntegrityCheck/Iterator/ExcludeFileByNameFilterIterator.php`).
 */
const EXCLUDED_NAMES = new Set([".DS_Store", ".directory", ".rnd", ".webapp", "Thumbs.db", "nextcloud-init-sync.lock"]);
const EXCLUDED_PATTERN = /^\.webapp-nextcloud-(\d+\.){2}(\d+)(-r\d+)?$/;

/**
 * The SHA-512 (hex) of every file of an app folder that Nextcloud's `Checker::generateHashes()`
 * covers, by path relative to the app folder: every file but `appinfo/signature.json` and
 * the names excluded above. (The folder exclusions of `ExcludeFoldersByPathFilterIterator`
 * are paths under the server root, never inside an app.)
 *
 * @param files archive files by path (`<appId>/...`)
 * @param appId the top folder
 */
export function hashAppFiles(files: ReadonlyMap<string, Buffer>, appId: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const prefix = `${appId}/`;
  for (const [path, bytes] of files) {
    if (!path.startsWith(prefix)) continue;
    const relative = path.slice(prefix.length);
    const name = relative.split("/").pop() ?? relative;
    if (relative === "appinfo/signature.json" || EXCLUDED_NAMES.has(name) || EXCLUDED_PATTERN.test(name)) continue;
    hashes.set(relative, createHash("sha512").update(bytes).digest("hex"));
  }
  return hashes;
}

/**
 * The bytes Nextcloud signs for `signature.json`: PHP's `json_encode()` (default flags) of
 * the `hashes` object after `ksort()`. So keys are sorted by byte order, `/` is written
 * `\/` and every non-ASCII character as a lowercase `\uXXXX` escape, without spaces.
 */
export function phpJsonEncodeHashes(hashes: Readonly<Record<string, string>>): Buffer {
  const keys = Object.keys(hashes).sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const body = keys.map((k) => `${phpString(k)}:${phpString(hashes[k] ?? "")}`).join(",");
  return Buffer.from(`{${body}}`, "utf8");
}

function phpString(value: string): string {
  return JSON.stringify(value)
    .replace(/\//g, "\\/")
    .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
