import { error, type Diagnostic } from "../../report/diagnostic.ts";
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, type ArchiveFormat, type ArchiveLimits, type RawEntry } from "./archive-types.ts";
import { readTarGz } from "./read-tar-gz.ts";
import { readZip } from "./read-zip.ts";

/** An archive unpacked in memory, holding only entries whose paths passed every check. */
export interface Archive {
  /** Name used in diagnostics: `<label>!<path inside>`, e.g. `harbor-1.19.1.tgz`. */
  label: string;
  format: ArchiveFormat;
  /** File contents by normalised path (`top/dir/file`). */
  files: Map<string, Buffer>;
  /** Distinct first path segments of all entries. */
  topLevel: string[];
}

/** Detects the archive format from magic bytes: gzip `1f 8b`, zip `PK\x03\x04` (or an empty zip's `PK\x05\x06`). */
export function detectFormat(bytes: Buffer): ArchiveFormat | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "tar.gz";
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return "zip";
  return undefined;
}

/**
 * Unpacks an archive in memory (nothing is written to disk) and refuses what the
 * Nextcloud app store and Helm refuse: absolute paths, `..` segments, backslashes,
 * symlinks, hardlinks, device files, `.git` folders and duplicate entries; plus limits on
 * entry count and unpacked size. Rule ids: `archive/format`, `archive/corrupt`,
 * `archive/too-many-entries`, `archive/too-large`, `archive/unsafe-path`, `archive/link`,
 * `archive/device`, `archive/git-folder`, `archive/duplicate-entry`.
 *
 * @param accepted formats the delivery type allows (a tar posing as a zip is caught by magic bytes)
 * @returns the archive when nothing was refused, and the diagnostics (file = `label!path`)
 */
export async function readArchive(
  bytes: Buffer,
  label: string,
  accepted: readonly ArchiveFormat[],
  limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS,
): Promise<{ archive?: Archive; diagnostics: Diagnostic[] }> {
  const format = detectFormat(bytes);
  if (!format || !accepted.includes(format)) {
    const what = format ? `a ${format} archive` : "not a gzip-compressed tar or a zip archive";
    return { diagnostics: [error("archive/format", label, undefined, `${label} is ${what}; expected ${accepted.join(" or ")}`)] };
  }
  let entries: RawEntry[];
  try {
    entries = format === "tar.gz" ? await readTarGz(bytes, limits) : await readZip(bytes, limits);
  } catch (cause) {
    const ruleId = cause instanceof ArchiveError ? cause.ruleId : "archive/corrupt";
    return { diagnostics: [error(ruleId, label, undefined, `${label}: ${(cause as Error).message}`)] };
  }
  return checkEntries(entries, label, format);
}

function checkEntries(entries: readonly RawEntry[], label: string, format: ArchiveFormat): { archive?: Archive; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, Buffer>();
  const seen = new Set<string>();
  const topLevel = new Set<string>();
  for (const entry of entries) {
    const where = `${label}!${entry.path}`;
    const path = normalise(entry.path);
    if (path === undefined) {
      diagnostics.push(error("archive/unsafe-path", where, undefined, `entry path '${entry.path}' is absolute, climbs out with '..', or uses '\\'`));
      continue;
    }
    if (entry.kind === "symlink" || entry.kind === "hardlink") {
      diagnostics.push(error("archive/link", where, undefined, `${entry.kind === "symlink" ? "symbolic" : "hard"} links are not allowed in release archives`));
      continue;
    }
    if (entry.kind === "device" || entry.kind === "other") {
      diagnostics.push(error("archive/device", where, undefined, "only regular files and folders are allowed in release archives"));
      continue;
    }
    if (path.split("/").includes(".git")) {
      diagnostics.push(error("archive/git-folder", where, undefined, "release archives must not contain .git folders"));
      continue;
    }
    const key = `${entry.kind}:${path}`;
    if (seen.has(key) || (entry.kind === "file" && files.has(path))) {
      diagnostics.push(error("archive/duplicate-entry", where, undefined, `${path} appears more than once in the archive`));
      continue;
    }
    seen.add(key);
    topLevel.add(path.split("/")[0] ?? path);
    if (entry.kind === "file") files.set(path, entry.data ?? Buffer.alloc(0));
  }
  if (diagnostics.length > 0) return { diagnostics };
  return { archive: { label, format, files, topLevel: [...topLevel].sort() }, diagnostics };
}

/** `./a//b/` -> `a/b`; undefined for absolute, `..`, backslash, drive-letter or NUL paths. */
function normalise(raw: string): string | undefined {
  if (raw.startsWith("/") || raw.includes("\\") || raw.includes("\0") || /^[A-Za-z]:/.test(raw)) return undefined;
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0 || segments.includes("..")) return undefined;
  return segments.join("/");
}
