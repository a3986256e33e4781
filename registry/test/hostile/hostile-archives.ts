/**
 * Builders of hostile archives for the tests in this folder (test-only): raw tar entries
 * with any path and type (the `tar` package's own packer would clean the paths we want to
 * keep dirty), gzip and zip wrappers, and the real release archives of `../shared/corpus`
 * as the base that attacks are mixed into.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import { Header, type ReadEntry } from "tar";

/** The repository root (computed here, not imported from temp-registry.ts, so `scripts/fuzz.ts` can use this file outside vitest). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");

/** `../shared/corpus`: real third-party releases, the base of every mutated archive. */
export const CORPUS = path.resolve(REPO_ROOT, "../shared/corpus");

/** One raw tar entry: a path as written, its type, content and link target. */
export interface TarEntry {
  path: string;
  type?: ReadEntry["type"];
  data?: Buffer | string;
  linkpath?: string;
}

/** An uncompressed ustar stream of `entries` (paths written exactly as given), with end blocks. */
export function tarOf(entries: readonly TarEntry[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.from(entry.data ?? "");
    const type = entry.type ?? "File";
    const header = Buffer.alloc(512);
    const size = type === "File" || type === "NextFileHasLongPath" ? data.length : 0;
    new Header({
      path: entry.path,
      type,
      size,
      mode: type === "Directory" ? 0o755 : 0o644,
      mtime: new Date(0),
      uid: 0,
      gid: 0,
      linkpath: entry.linkpath ?? "",
    }).encode(header, 0);
    blocks.push(header);
    if (size > 0) blocks.push(data, Buffer.alloc((512 - (size % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/**
 * A GNU long-name record (`././@LongLink`, type L) naming the entry after it `longPath`, then
 * that entry, whose ustar name is the first 99 bytes of `longPath` as Python's tarfile writes it.
 */
export function longNamed(longPath: string, entry: Omit<TarEntry, "path"> = { data: "x" }): TarEntry[] {
  return [
    { path: "././@LongLink", type: "NextFileHasLongPath", data: `${longPath}\u0000` },
    { ...entry, path: longPath.slice(0, 99) },
  ];
}

/** A gzip-compressed tar of `entries`. */
export function tarGzOf(entries: readonly TarEntry[]): Buffer {
  return gzipSync(tarOf(entries));
}

/** The files of a real corpus archive as tar entries (folders first), read with the `tar` package's list. */
export async function corpusEntries(relative: string): Promise<TarEntry[]> {
  const { list } = await import("tar");
  const entries: TarEntry[] = [];
  await list({
    file: path.join(CORPUS, relative),
    onReadEntry: (entry) => {
      const chunks: Buffer[] = [];
      entry.on("data", (chunk: Buffer) => chunks.push(chunk));
      entry.on("end", () =>
        entries.push({
          path: entry.path,
          type: entry.type === "Directory" ? "Directory" : "File",
          data: Buffer.concat(chunks),
        }),
      );
    },
  });
  return entries;
}

/** Bytes of a file in `../shared/corpus`. */
export function corpusFile(relative: string): Buffer {
  return readFileSync(path.join(CORPUS, relative));
}

/**
 * A stored (uncompressed) zip of `files`, Unix modes in the external attributes; `mode`
 * overrides a file's mode (e.g. `0o120777` for a symlink) and `localName` writes another
 * name into an entry's local header than into the central directory.
 */
export function zipOf(
  files: readonly { name: string; data?: Buffer | string; mode?: number; localName?: string; deflate?: boolean }[],
): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const content = Buffer.from(file.data ?? "");
    const stored = file.deflate ? deflateRawSync(content) : content;
    const header = (name: Buffer) => {
      const common = Buffer.alloc(26);
      common.writeUInt16LE(20, 0);
      common.writeUInt16LE(0x0800, 2);
      common.writeUInt16LE(file.deflate ? 8 : 0, 4);
      common.writeUInt32LE(0x00210000, 6);
      common.writeUInt32LE(crc32(content), 10);
      common.writeUInt32LE(stored.length, 14);
      common.writeUInt32LE(content.length, 18);
      common.writeUInt16LE(name.length, 22);
      return common;
    };
    const name = Buffer.from(file.name, "utf8");
    const localName = Buffer.from(file.localName ?? file.name, "utf8");
    const local = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), header(localName), localName, stored]);
    const tail = Buffer.alloc(14);
    const mode = file.mode ?? (file.name.endsWith("/") ? 0o040755 : 0o100644);
    tail.writeUInt32LE((mode << 16) >>> 0, 6);
    tail.writeUInt32LE(offset, 10);
    centrals.push(Buffer.concat([Buffer.from([0x50, 0x4b, 0x01, 0x02, 0x14, 0x03]), header(name), tail, name]));
    locals.push(local);
    offset += local.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
