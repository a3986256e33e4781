import { readFileSync } from "node:fs";
import { join } from "node:path";
import { indexDir } from "./index-dir.ts";
import { readPinnedFile, resolveIndexPath } from "./index-files.ts";
import type { RegistryIndex, Shard } from "./types.ts";

export interface LoadedIndex {
  dir: string;
  index: RegistryIndex;
  /** Raw bytes of index.json, served unchanged at /index.json. */
  indexBytes: Buffer;
  shards: Map<string, Shard>;
  /** Every file to serve at the site root, by path relative to the index folder. */
  files: Map<string, Buffer>;
}

let cached: LoadedIndex | undefined;

/** Loads index.json and every shard once, verifying each pinned file's digest. */
export function loadIndex(): LoadedIndex {
  cached ??= readIndex(indexDir());
  return cached;
}

export function readIndex(dir: string): LoadedIndex {
  const indexFile = join(dir, "index.json");
  let indexBytes: Buffer;
  try {
    indexBytes = readFileSync(indexFile);
  } catch (error) {
    throw new Error(
      `Cannot read ${indexFile}: ${(error as Error).message}. ` +
        `Run "npx appshelf build" first, or set APPSHELF_INDEX_DIR to a folder holding index.json.`,
    );
  }
  const index = JSON.parse(indexBytes.toString("utf8")) as RegistryIndex;
  if (index.formatVersion !== 1) {
    throw new Error(`${indexFile}: unsupported formatVersion ${String(index.formatVersion)}, expected 1.`);
  }
  const files = new Map<string, Buffer>([
    ["index.json", indexBytes],
    [index.helmIndex.path, readPinnedFile(dir, index.helmIndex, "Helm repository index")],
  ]);
  const shards = new Map<string, Shard>();
  for (const app of index.apps) {
    const shardBytes = readPinnedFile(dir, app.shard, `shard of app "${app.id}"`);
    const shard = JSON.parse(shardBytes.toString("utf8")) as Shard;
    if (shard.id !== app.id) {
      throw new Error(`Shard ${app.shard.path} holds app "${shard.id}", but index.json lists it for "${app.id}".`);
    }
    shards.set(app.id, shard);
    files.set(app.shard.path, shardBytes);
    if (app.icon) files.set(app.icon.path, readPinnedFile(dir, app.icon, `icon of app "${app.id}"`));
    for (const v of shard.versions) {
      if (isRelativeUrl(v.artifact.url)) {
        const ref = { path: v.artifact.url, sha256: v.artifact.sha256, size: v.artifact.size };
        files.set(v.artifact.url, readPinnedFile(dir, ref, `artifact of ${app.id} ${v.delivery} ${v.version}`));
      }
    }
  }
  for (const path of files.keys()) resolveIndexPath(dir, path);
  return { dir, index, indexBytes, shards, files };
}

/** True for an artifact URL kept in the registry (a path relative to the index folder). */
export function isRelativeUrl(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//");
}
