/** Limits applied while unpacking an archive in memory. */
export interface ArchiveLimits {
  /** Most entries (files, folders, links) accepted. Default 10 000. */
  maxEntries: number;
  /**
   * Most bytes of unpacked file content in total. Default 100 MiB: stops decompression
   * bombs. The decompressed tar stream is capped too, at this plus 2 KiB per entry plus
   * 1 MiB (headers, padding, end blocks): see `maxTarBytes`.
   */
  maxUnpackedBytes: number;
  /**
   * Wall-clock limit of one unpacking in ms, enforced by terminating the worker thread
   * that reads the archive (`archive/timeout`). Default 20 000. Applies only in a worker.
   */
  timeoutMs?: number;
  /**
   * JavaScript heap limit of that worker in MiB (`resourceLimits.maxOldGenerationSizeMb`;
   * file contents live in Buffers outside the heap and are capped by `maxUnpackedBytes`).
   * Default 256, at least 32 (`MIN_HEAP_MB`). Passing it ends in `archive/resources`.
   */
  maxHeapMb?: number;
  /**
   * Where the format readers run: `"worker"` (default) in a `node:worker_threads` worker
   * with the time and heap limits above, `"inline"` on the calling thread (property tests
   * that run thousands of small cases; no time limit).
   */
  isolation?: "worker" | "inline";
}

/** Longest entry path accepted, in characters (Linux PATH_MAX); longer ones exist only to cost memory. */
export const MAX_PATH_LENGTH = 4096;

/** Default unpacking limits. */
export const DEFAULT_ARCHIVE_LIMITS: ArchiveLimits = {
  maxEntries: 10_000,
  maxUnpackedBytes: 100 * 1024 * 1024,
  timeoutMs: 20_000,
  maxHeapMb: 256,
  isolation: "worker",
};

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

/** The kinds of archive Appshelf reads, detected from the first bytes (`tar` and `tar.bz2` only for OpenPitrix packages). */
export type ArchiveFormat = "tar.gz" | "zip" | "tar" | "tar.bz2";

/** What an archive entry is; anything but a file or a folder is refused. */
export type EntryKind = "file" | "directory" | "symlink" | "hardlink" | "device" | "other";

/** One raw entry as a format reader saw it, before any path checks. */
export interface RawEntry {
  path: string;
  kind: EntryKind;
  /** Content of a file entry. */
  data?: Buffer;
}
