import { Parser, type ReadEntry } from "tar";
import { ArchiveError } from "../../errors/archive-error.ts";
import { MAX_PATH_LENGTH, type ArchiveLimits, type EntryKind, type RawEntry } from "./archive-types.ts";
import { auditTarHeaders } from "./audit-tar-headers.ts";
import { gunzipCapped, maxTarBytes } from "./gunzip-capped.ts";

const KINDS: Partial<Record<ReadEntry["type"], EntryKind>> = {
  File: "file",
  OldFile: "file",
  ContiguousFile: "file",
  Directory: "directory",
  SymbolicLink: "symlink",
  Link: "hardlink",
  CharacterDevice: "device",
  BlockDevice: "device",
  FIFO: "device",
};

/** Largest pax or GNU long-name header read, in bytes: room for a path of {@link MAX_PATH_LENGTH} and its attributes. */
const MAX_META_BYTES = 64 * 1024;

/** Magic numbers of compressed streams `tar`'s Parser would decompress again: gzip, zstd. */
const NESTED_MAGIC: readonly Buffer[] = [Buffer.from([0x1f, 0x8b]), Buffer.from([0x28, 0xb5, 0x2f, 0xfd])];

/**
 * Lists the entries of a gzip-compressed tar (POSIX ustar/pax, GNU) in memory. The gzip
 * layer is undone first with a cap on the output ({@link gunzipCapped}); the `tar`
 * package then parses the plain tar, which must not itself be compressed again (its
 * Parser would sniff and inflate a nested gzip or zstd stream with only a ratio guard).
 * `tar` does no path checks: entries come back raw, for `readArchive` to check. File
 * contents are kept only for file entries. A pax or long-name header `tar` would skip
 * (over {@link MAX_META_BYTES}) is refused rather than skipped: the entry after it would
 * get another name here than in GNU tar. Before parsing, {@link auditTarHeaders} refuses
 * archives whose entry names readers could disagree on (pax global paths, pax paths that
 * differ from the ustar name, GNU long-name and sparse oddities), and the names `tar`
 * gives must be exactly the ones that walk read.
 *
 * @throws ArchiveError `archive/corrupt` on bad gzip or tar data, `archive/too-many-entries`,
 *   `archive/too-large` or `archive/unsafe-path` (a path over {@link MAX_PATH_LENGTH}) as
 *   soon as a limit is passed (parsing stops there); `archive/ambiguous-entry`,
 *   `archive/sparse`, `archive/entry-type` from {@link auditTarHeaders}.
 */
export async function readTarGz(bytes: Buffer, limits: ArchiveLimits): Promise<RawEntry[]> {
  const tar = await gunzipCapped(bytes, maxTarBytes(limits));
  if (NESTED_MAGIC.some((magic) => tar.subarray(0, magic.length).equals(magic))) {
    throw new ArchiveError("archive/corrupt", "the gzip stream holds another compressed stream, not a tar");
  }
  const paths = auditTarHeaders(tar);
  const entries = await parseTar(tar, limits);
  const differing = entries.findIndex((entry, i) => entry.path !== paths[i]);
  if (differing >= 0 || entries.length !== paths.length) {
    const at = differing >= 0 ? differing : Math.min(entries.length, paths.length);
    throw new ArchiveError(
      "archive/ambiguous-entry",
      `entry ${at + 1} is named '${(paths[at] ?? "(none)").slice(0, 200)}' by a plain header reading and '${(entries[at]?.path ?? "(none)").slice(0, 200)}' by the tar parser; the archive reads differently in different tools`,
    );
  }
  return entries;
}

/**
 * Lists the entries of a plain tar stream with `tar`'s Parser (also used for `.tar` and
 * `.tar.bz2`, see read-tar.ts). A stream that is itself compressed (gzip, zstd) is refused.
 *
 * @throws ArchiveError as {@link readTarGz} does
 */
export function parseTar(bytes: Buffer, limits: ArchiveLimits): Promise<RawEntry[]> {
  if (NESTED_MAGIC.some((magic) => bytes.subarray(0, magic.length).equals(magic))) {
    return Promise.reject(
      new ArchiveError("archive/corrupt", "the archive holds another compressed stream, not a tar"),
    );
  }
  return new Promise((resolve, reject) => {
    const entries: RawEntry[] = [];
    let unpacked = 0;
    let failed = false;
    const parser = new Parser({ strict: true, zstd: false, maxMetaEntrySize: MAX_META_BYTES });
    const fail = (error: ArchiveError) => {
      if (failed) return;
      failed = true;
      parser.abort(error);
      reject(error);
    };
    parser.on("entry", (entry: ReadEntry) => {
      if (entries.length >= limits.maxEntries) {
        fail(new ArchiveError("archive/too-many-entries", `more than ${limits.maxEntries} entries`));
        entry.resume();
        return;
      }
      if (entry.path.length > MAX_PATH_LENGTH) {
        fail(
          new ArchiveError(
            "archive/unsafe-path",
            `an entry path is ${entry.path.length} characters long; at most ${MAX_PATH_LENGTH} are accepted`,
          ),
        );
        entry.resume();
        return;
      }
      const raw: RawEntry = { path: entry.path, kind: KINDS[entry.type] ?? "other" };
      entries.push(raw);
      if (raw.kind !== "file") {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => {
        unpacked += chunk.length;
        if (unpacked > limits.maxUnpackedBytes)
          fail(new ArchiveError("archive/too-large", `unpacks to more than ${limits.maxUnpackedBytes} bytes`));
        else chunks.push(chunk);
      });
      entry.on("end", () => {
        raw.data = Buffer.concat(chunks);
      });
    });
    parser.on("ignoredEntry", (entry: ReadEntry) =>
      fail(
        new ArchiveError(
          "archive/corrupt",
          `a ${entry.type} header of ${entry.size} bytes is larger than ${MAX_META_BYTES} bytes`,
        ),
      ),
    );
    parser.on("error", (cause: Error) =>
      fail(new ArchiveError("archive/corrupt", `not a valid tar: ${cause.message}`)),
    );
    parser.on("warn", (_code: string, message: string) =>
      fail(new ArchiveError("archive/corrupt", `not a valid tar: ${message}`)),
    );
    parser.on("end", () => {
      if (!failed) resolve(entries);
    });
    parser.end(bytes);
  });
}
