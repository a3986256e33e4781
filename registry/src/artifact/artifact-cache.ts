import { mkdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { sha256Hex } from "./digest.ts";
import { replaceFile } from "../fs/replace-file.ts";

/**
 * A local cache of downloaded artifacts keyed by SHA-256 (`<dir>/<sha256>`), so
 * re-validation never downloads the same bytes again. Only bytes whose digest was just
 * verified are stored, and entries are re-hashed when read.
 */
export interface ArtifactCache {
  /** Bytes stored under `sha256`, if present and intact. */
  get(sha256: string): Promise<Buffer | undefined>;
  /** Stores bytes under their own digest (written to a temp file, then renamed). */
  put(bytes: Buffer): Promise<void>;
}

/** Default cache folder: `$XDG_CACHE_HOME/appshelf/artifacts`, else `~/.cache/appshelf/artifacts`. */
export function defaultCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "appshelf", "artifacts");
}

/** Opens the cache in `dir` (created on first write). */
export function openArtifactCache(dir: string): ArtifactCache {
  return {
    async get(sha256) {
      try {
        const bytes = await readFile(path.join(dir, sha256));
        return sha256Hex(bytes) === sha256 ? bytes : undefined;
      } catch {
        return undefined;
      }
    },
    async put(bytes) {
      await mkdir(dir, { recursive: true });
      const digest = sha256Hex(bytes);
      await replaceFile(path.join(dir, digest), bytes);
    },
  };
}
