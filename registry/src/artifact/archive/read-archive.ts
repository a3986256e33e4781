import { error, type Diagnostic } from "../../report/diagnostic.ts";
import { ArchiveError } from "../../errors/archive-error.ts";
import {
  DEFAULT_ARCHIVE_LIMITS,
  type Archive,
  type ArchiveFormat,
  type ArchiveLimits,
  type RawEntry,
} from "./archive-types.ts";
import { checkEntries } from "./check-entries.ts";
import { unpackInWorker } from "./unpack-in-worker.ts";
import { unpackInline } from "./unpack-inline.ts";

export type { Archive } from "./archive-types.ts";

/**
 * Detects the archive format from magic bytes: gzip `1f 8b`, zip `PK\x03\x04` (or an
 * empty zip's `PK\x05\x06`), bzip2 `BZh1`–`BZh9` (read as a tar.bz2), and a plain tar by
 * the `ustar` magic at offset 257 (POSIX and GNU headers).
 */
export function detectFormat(bytes: Buffer): ArchiveFormat | undefined {
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "tar.gz";
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5)) return "zip";
  if (bytes.length >= 4 && bytes.subarray(0, 3).toString("latin1") === "BZh" && bytes[3]! >= 0x31 && bytes[3]! <= 0x39)
    return "tar.bz2";
  if (bytes.length >= 512 && bytes.subarray(257, 262).toString("latin1") === "ustar") return "tar";
  return undefined;
}

/**
 * Unpacks an archive in memory (nothing is written to disk) and refuses what the
 * Nextcloud app store and Helm refuse: absolute paths, `..` segments, backslashes,
 * control characters, symlinks, hardlinks, device files, `.git` folders and duplicate
 * entries (also when they differ only in case or Unicode normalisation, or a file is used
 * as a folder); plus limits on entry count, unpacked size, time and heap (the format
 * readers run in a worker thread, see `unpack-in-worker.ts`). Rule ids: `archive/format`,
 * `archive/corrupt`, `archive/too-many-entries`, `archive/too-large`, `archive/timeout`,
 * `archive/resources`, `archive/unsafe-path`, `archive/link`, `archive/device`,
 * `archive/git-folder`, `archive/duplicate-entry` (see `check-entries.ts`).
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
    const what = format ? `a ${format} archive` : `not a ${accepted.join(" or ")} archive`;
    return {
      diagnostics: [
        error("archive/format", label, undefined, `${label} is ${what}; expected ${accepted.join(" or ")}`),
      ],
    };
  }
  let entries: RawEntry[];
  try {
    entries = await (limits.isolation === "inline"
      ? unpackInline(bytes, format, limits)
      : unpackInWorker(bytes, format, limits));
  } catch (cause) {
    const ruleId = cause instanceof ArchiveError ? cause.ruleId : "archive/corrupt";
    return { diagnostics: [error(ruleId, label, undefined, `${label}: ${(cause as Error).message}`)] };
  }
  return checkEntries(entries, label, format);
}
