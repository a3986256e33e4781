import { Parser, type ReadEntry } from "tar";
import { ArchiveError, type ArchiveLimits, type EntryKind, type RawEntry } from "./archive-types.ts";

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

/**
 * Lists the entries of a gzip-compressed tar (POSIX ustar/pax, GNU) in memory with the
 * `tar` package. File contents are kept only for file entries.
 *
 * @throws ArchiveError `archive/corrupt` on bad gzip or tar data, `archive/too-many-entries`
 *   or `archive/too-large` as soon as a limit is passed (parsing stops there).
 */
export function readTarGz(bytes: Buffer, limits: ArchiveLimits): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    const entries: RawEntry[] = [];
    let unpacked = 0;
    let failed = false;
    const parser = new Parser({ strict: true });
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
      const raw: RawEntry = { path: entry.path, kind: KINDS[entry.type] ?? "other" };
      entries.push(raw);
      if (raw.kind !== "file") {
        entry.resume();
        return;
      }
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => {
        unpacked += chunk.length;
        if (unpacked > limits.maxUnpackedBytes) fail(new ArchiveError("archive/too-large", `unpacks to more than ${limits.maxUnpackedBytes} bytes`));
        else chunks.push(chunk);
      });
      entry.on("end", () => {
        raw.data = Buffer.concat(chunks);
      });
    });
    parser.on("error", (cause: Error) => fail(new ArchiveError("archive/corrupt", `not a valid gzip-compressed tar: ${cause.message}`)));
    parser.on("warn", (_code: string, message: string) => fail(new ArchiveError("archive/corrupt", `not a valid gzip-compressed tar: ${message}`)));
    parser.on("end", () => {
      if (!failed) resolve(entries);
    });
    parser.end(bytes);
  });
}
