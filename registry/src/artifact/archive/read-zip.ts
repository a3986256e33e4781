import yauzl from "yauzl";
import { ArchiveError } from "../../errors/archive-error.ts";
import { type ArchiveLimits, type EntryKind, type RawEntry } from "./archive-types.ts";

const S_IFMT = 0o170000;
const S_IFLNK = 0o120000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;

/** Info-ZIP Unicode Path extra field: a second name that some readers use and others ignore. */
const UNICODE_PATH_FIELD = 0x7075;

/** yauzl's own file-name refusals (absolute, `..`, backslash), reported as unsafe paths like ours. */
const UNSAFE_NAME = /^(absolute path|invalid relative path|invalid characters in fileName)/;

/**
 * Lists the entries of a zip archive in memory with `yauzl` (entry sizes validated
 * against the central directory, the declared size checked against the limit before a
 * byte is inflated). Unix file modes from the external attributes tell symlinks and
 * devices apart from files. An entry whose local header names another path than the
 * central directory, or that carries an Info-ZIP Unicode Path name, is refused: readers
 * that trust the other name would unpack a different tree than the one checked.
 *
 * @throws ArchiveError `archive/corrupt`, `archive/unsafe-path`, `archive/too-many-entries`
 *   or `archive/too-large`.
 */
export function readZip(bytes: Buffer, limits: ArchiveLimits): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    yauzl.fromBuffer(
      bytes,
      { lazyEntries: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true },
      (openError, zip) => {
        if (openError || !zip) {
          reject(new ArchiveError("archive/corrupt", `not a valid zip: ${openError?.message ?? "unreadable"}`));
          return;
        }
        const entries: RawEntry[] = [];
        let unpacked = 0;
        const fail = (error: ArchiveError) => {
          zip.close();
          reject(error);
        };
        zip.on("error", (cause: Error) =>
          fail(
            new ArchiveError(
              UNSAFE_NAME.test(cause.message) ? "archive/unsafe-path" : "archive/corrupt",
              `not a valid zip: ${cause.message}`,
            ),
          ),
        );
        zip.on("end", () => resolve(entries));
        zip.on("entry", (entry: yauzl.Entry) => {
          if (entries.length >= limits.maxEntries)
            return fail(new ArchiveError("archive/too-many-entries", `more than ${limits.maxEntries} entries`));
          const mismatch = nameMismatch(bytes, entry);
          if (mismatch)
            return fail(new ArchiveError("archive/corrupt", `entry ${JSON.stringify(entry.fileName)}: ${mismatch}`));
          const kind = kindOf(entry);
          const raw: RawEntry = { path: entry.fileName, kind };
          entries.push(raw);
          if (kind !== "file") return zip.readEntry();
          if (unpacked + entry.uncompressedSize > limits.maxUnpackedBytes)
            return fail(new ArchiveError("archive/too-large", `unpacks to more than ${limits.maxUnpackedBytes} bytes`));
          zip.openReadStream(entry, (streamError, stream) => {
            if (streamError || !stream)
              return fail(
                new ArchiveError(
                  "archive/corrupt",
                  `cannot read ${entry.fileName}: ${streamError?.message ?? "no data"}`,
                ),
              );
            const chunks: Buffer[] = [];
            stream.on("data", (chunk: Buffer) => {
              unpacked += chunk.length;
              chunks.push(chunk);
            });
            stream.on("error", (cause: Error) =>
              fail(new ArchiveError("archive/corrupt", `cannot read ${entry.fileName}: ${cause.message}`)),
            );
            stream.on("end", () => {
              raw.data = Buffer.concat(chunks);
              zip.readEntry();
            });
          });
        });
        zip.readEntry();
      },
    );
  });
}

/** Why the names of one entry disagree (local header vs central directory, Unicode Path field), if they do. */
function nameMismatch(bytes: Buffer, entry: yauzl.Entry): string | undefined {
  if (entry.extraFields.some((field) => field.id === UNICODE_PATH_FIELD))
    return "an Info-ZIP Unicode Path field gives the entry a second name";
  const at = entry.relativeOffsetOfLocalHeader;
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== 0x04034b50)
    return "no local file header where the central directory points";
  const length = bytes.readUInt16LE(at + 26);
  const local = bytes.subarray(at + 30, at + 30 + length);
  return !local.equals(entry.fileNameRaw)
    ? `the local header names it ${JSON.stringify(local.toString("utf8"))}`
    : undefined;
}

function kindOf(entry: yauzl.Entry): EntryKind {
  const mode = (entry.externalFileAttributes >>> 16) & S_IFMT;
  if (mode === S_IFLNK) return "symlink";
  if (entry.fileName.endsWith("/") || mode === S_IFDIR) return "directory";
  if (mode === 0 || mode === S_IFREG) return "file";
  return "device";
}
