import { createHash } from "node:crypto";
import { mkdir, readFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { replaceFile } from "../fs/replace-file.ts";

/** The last verified index.json of a registry, its signature and the ETag it was served with. */
export interface CachedIndex {
  etag: string;
  index: Buffer;
  /** index.json.sig, absent for an unsigned index. */
  signature?: Buffer;
}

/**
 * The client's cache: the last verified index.json (+ signature and ETag) per registry,
 * for If-None-Match, and pinned files (bins, catalog, shards) by SHA-256. Nothing in it
 * is trusted: a cached index is verified again on every use, and pinned files are
 * re-hashed when read.
 */
export interface MetadataCache {
  getIndex(location: string): Promise<CachedIndex | undefined>;
  putIndex(location: string, entry: CachedIndex): Promise<void>;
  /** Bytes whose SHA-256 is `sha256`, if cached and intact. */
  get(sha256: string): Promise<Buffer | undefined>;
  put(bytes: Buffer): Promise<void>;
}

/** Default cache folder: `$XDG_CACHE_HOME/appshelf/client`, else `~/.cache/appshelf/client`. */
export function defaultClientCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "appshelf", "client");
}

/** Opens the cache in `dir` (created on first write). */
export function openMetadataCache(dir: string): MetadataCache {
  const objects = openArtifactCache(path.join(dir, "objects"));
  const indexFile = (location: string) =>
    path.join(dir, "indexes", `${createHash("sha256").update(location).digest("hex").slice(0, 32)}.json`);
  return {
    async getIndex(location) {
      try {
        const saved = JSON.parse(await readFile(indexFile(location), "utf8")) as {
          location: string;
          etag: string;
          index: string;
          signature?: string;
        };
        if (saved.location !== location) return undefined;
        return {
          etag: saved.etag,
          index: Buffer.from(saved.index, "base64"),
          ...(saved.signature ? { signature: Buffer.from(saved.signature, "base64") } : {}),
        };
      } catch {
        return undefined;
      }
    },
    async putIndex(location, entry) {
      const file = indexFile(location);
      await mkdir(path.dirname(file), { recursive: true });
      const text = JSON.stringify({
        location,
        etag: entry.etag,
        index: entry.index.toString("base64"),
        ...(entry.signature ? { signature: entry.signature.toString("base64") } : {}),
      });
      await replaceFile(file, text);
    },
    get: (sha256) => objects.get(sha256),
    put: (bytes) => objects.put(bytes),
  };
}
