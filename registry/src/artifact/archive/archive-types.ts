/** Limits applied while unpacking an archive in memory. */
export interface ArchiveLimits {
  /** Most entries (files, folders, links) accepted. Default 10 000. */
  maxEntries: number;
  /** Most bytes of unpacked file content in total. Default 100 MiB: stops decompression bombs. */
  maxUnpackedBytes: number;
}

/** Default unpacking limits. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = { maxEntries: 10_000, maxUnpackedBytes: 100 * 1024 * 1024 };

/** The kinds of archive Appshelf reads, detected from the first bytes. */
export type ArchiveFormat = "tar.gz" | "zip";

/** What an archive entry is; anything but a file or a folder is refused. */
export type EntryKind = "file" | "directory" | "symlink" | "hardlink" | "device" | "other";

/** One raw entry as a format reader saw it, before any path checks. */
export interface RawEntry {
  path: string;
  kind: EntryKind;
  /** Content of a file entry. */
  data?: Buffer;
}

/** Refusal raised by a format reader when a limit is passed or the bytes are corrupt. */
export class ArchiveError extends Error {
  readonly ruleId: string;
  constructor(ruleId: string, message: string) {
    super(message);
    this.ruleId = ruleId;
  }
}
