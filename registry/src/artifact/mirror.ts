import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { sha256Hex } from "./digest.ts";

/** A file found in a mirror: where it is, its bytes' digest and size in bytes. */
export interface MirrorHit {
  path: string;
  sha256: string;
  size: number;
}

/**
 * A local folder (or several) holding copies of release artifacts, searched before the
 * network. Files are matched by content: first the files whose name equals the URL's last
 * path segment or the digest itself (a content-addressed layout), then, if none matches,
 * every file in the mirror (hashed once per process, lazily).
 */
export interface Mirror {
  /**
   * Looks for a file with digest `sha256`. Returns `{ hit }` when found, or `{ nameMatches }`:
   * the files with the same name but another digest (evidence of a digest mismatch).
   */
  find(sha256: string, fileName: string): Promise<{ hit?: MirrorHit; nameMatches: MirrorHit[] }>;
  /** Files in the mirror's folders: with none, `find` never finds anything (and callers need not ask). */
  readonly files: number;
}

/**
 * Opens mirror folders. Folders that do not exist are skipped (returned in `missing`).
 * Symbolic links inside a mirror are not followed.
 */
export async function openMirror(dirs: readonly string[]): Promise<{ mirror: Mirror; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const dir of dirs) {
    try {
      files.push(...(await listFiles(path.resolve(dir))));
    } catch {
      missing.push(dir);
    }
  }
  const hashed = new Map<string, Promise<MirrorHit>>();
  const hash = (file: string): Promise<MirrorHit> => {
    let pending = hashed.get(file);
    if (!pending) {
      pending = readFile(file).then((bytes) => ({ path: file, sha256: sha256Hex(bytes), size: bytes.length }));
      hashed.set(file, pending);
    }
    return pending;
  };
  const mirror: Mirror = {
    files: files.length,
    async find(sha256, fileName) {
      const named = await Promise.all(files.filter((f) => [fileName, sha256].includes(path.basename(f))).map(hash));
      const hit =
        named.find((h) => h.sha256 === sha256) ?? (await Promise.all(files.map(hash))).find((h) => h.sha256 === sha256);
      return hit ? { hit, nameMatches: [] } : { nameMatches: named };
    },
  };
  return { mirror, missing };
}

async function listFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.join(e.parentPath, e.name))
    .sort();
}
