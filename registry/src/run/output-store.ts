import { sha256Hex } from "../artifact/digest.ts";
import { linkSync, lstatSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";

/**
 * One output file kept in an output store: its path in the output, its content's SHA-256
 * (hex; the store file's name) and size in bytes, and the store file's inode and modification
 * time (ns) when it was last known to hold that content (`lstat`, as decimal strings).
 */
export interface StoredFile {
  path: string;
  sha256: string;
  size: number;
  ino: string;
  mtimeNs: string;
}

/**
 * A folder of a build's output files by content (`<dir>/<sha256>`), kept in the manifest
 * cache so a warm build links an unchanged app's files into its staging folder (one `link`
 * each) instead of writing them from bytes kept in the cache's packs. A store file and the
 * output file linked from it are one inode: whatever rewrites an output file in place also
 * rewrites the store file, so a store file is used only while its inode, size and
 * modification time are the ones recorded (what Git trusts of its index), else only after
 * its content is hashed again ({@link verifyStored}). The build itself never rewrites a file
 * in place (`writeFilesInto` replaces files).
 */
export interface OutputStore {
  /** The folder (made on first use). */
  readonly dir: string;
}

/** The store of cache bucket `bucket` under an engine's cache folder: `<folder>/files/<bucket>`. */
export function outputStoreOf(cacheFolder: string, bucket: number): OutputStore {
  return { dir: path.join(cacheFolder, "files", String(bucket)) };
}

/**
 * Keeps the files just written to `written` (output path -> absolute path of the written
 * file) with content `files` in `store`: each is linked to `<store>/<sha256>` unless the store
 * holds that content already. Returns what to record, or undefined when a file could not be
 * kept (the caller then keeps the bytes instead). `digests` (output path -> SHA-256, hex) are
 * the files' digests when the caller computed them from these same bytes (pins): not hashed again.
 */
export function keepInStore(
  store: OutputStore,
  files: ReadonlyMap<string, Buffer>,
  written: (outputPath: string) => string,
  digests?: ReadonlyMap<string, string>,
): StoredFile[] | undefined {
  try {
    mkdirSync(store.dir, { recursive: true });
    const kept: StoredFile[] = [];
    for (const [file, bytes] of files) {
      const sha256 = digests?.get(file) ?? sha256Hex(bytes);
      const target = path.join(store.dir, sha256);
      let recorded = statOf(file, sha256, bytes.length, target);
      // Absent, or not (any longer) that content: put the file just written in its place.
      if (!recorded || !holds(target, sha256)) {
        rmSync(target, { force: true });
        linkSync(written(file), target);
        recorded = statOf(file, sha256, bytes.length, target);
      }
      if (!recorded) return undefined;
      kept.push(recorded);
    }
    return kept;
  } catch {
    return undefined;
  }
}

/**
 * `stored` with each store file checked: one whose inode, size and modification time are
 * the recorded ones is taken as is; any other is hashed, and taken (with its new stat) when it
 * still holds the content. Undefined when any file is missing or holds something else (the
 * caller builds the app's files again).
 */
export function verifyStored(store: OutputStore, stored: readonly StoredFile[]): StoredFile[] | undefined {
  const checked: StoredFile[] = [];
  for (const file of stored) {
    const target = path.join(store.dir, file.sha256);
    const now = statOf(file.path, file.sha256, file.size, target);
    if (!now) return undefined;
    if (now.ino === file.ino && now.mtimeNs === file.mtimeNs) checked.push(file);
    else if (holds(target, file.sha256)) checked.push(now);
    else return undefined;
  }
  return checked;
}

/**
 * Links each of `stored` (checked by {@link verifyStored}) into folder `dir` at its output
 * path, making folders once (`made`, absolute paths, shared with `writeFilesInto`).
 *
 * @throws Error on a path escaping `dir`, or a filesystem error
 */
export function linkStored(
  store: OutputStore,
  stored: readonly StoredFile[],
  dir: string,
  made = new Set<string>(),
): void {
  const root = path.resolve(dir);
  made.add(root);
  for (const file of stored) {
    const full = path.resolve(root, file.path);
    if (!full.startsWith(root + path.sep)) throw new Error(`refusing to write ${file.path}: outside the output folder`);
    const folder = path.dirname(full);
    if (!made.has(folder)) {
      mkdirSync(folder, { recursive: true });
      made.add(folder);
    }
    linkSync(path.join(store.dir, file.sha256), full);
  }
}

/** The bytes of stored files, each checked against its SHA-256; undefined when one is missing or different. */
export function readStored(store: OutputStore, stored: readonly StoredFile[]): Map<string, Buffer> | undefined {
  const files = new Map<string, Buffer>();
  for (const file of stored) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(path.join(store.dir, file.sha256));
    } catch {
      return undefined;
    }
    if (sha256Hex(bytes) !== file.sha256) return undefined;
    files.set(file.path, bytes);
  }
  return files;
}

/** Removes the store's files no entry of `keep` (SHA-256 digests) names. Never throws. */
export function pruneStore(store: OutputStore, keep: ReadonlySet<string>): void {
  try {
    for (const name of readdirSync(store.dir)) if (!keep.has(name)) rmSync(path.join(store.dir, name), { force: true });
  } catch {
    // A store that cannot be listed only keeps old files until the engine changes.
  }
}

function statOf(file: string, sha256: string, size: number, target: string): StoredFile | undefined {
  try {
    const stat = lstatSync(target, { bigint: true });
    if (!stat.isFile() || stat.size !== BigInt(size)) return undefined;
    return { path: file, sha256, size, ino: String(stat.ino), mtimeNs: String(stat.mtimeNs) };
  } catch {
    return undefined;
  }
}

function holds(target: string, sha256: string): boolean {
  try {
    return sha256Hex(readFileSync(target)) === sha256;
  } catch {
    return false;
  }
}
