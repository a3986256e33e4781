import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { assignBin } from "../../../registry/src/index/assign-bin.ts";
import type { BinFile, Catalog, RegistryIndex as IndexFile } from "../../../registry/src/index/index-types.ts";
import { SIGNATURE_FILE } from "../../../registry/src/signing/signature-file.ts";
import { indexDir } from "./index-dir.ts";
import { readPinnedFile, resolveIndexPath } from "./index-files.ts";
import type { AppEntry, RegistryIndex, Shard } from "./types.ts";

export interface LoadedIndex {
  dir: string;
  /**
   * index.json's fields (serial, expires, helmIndex, ...) plus the catalog joined with the
   * bins: `apps` (summary fields and the pin of each shard) and `categories`. index.json
   * itself only pins catalog.json and the hashed bins.
   */
  index: RegistryIndex;
  /** Raw bytes of index.json, served unchanged at /index.json. */
  indexBytes: Buffer;
  shards: Map<string, Shard>;
  /** Every file to serve at the site root, by path relative to the index folder. */
  files: Map<string, Buffer>;
}

let cached: LoadedIndex | undefined;

/**
 * Where {@link loadIndex} leaves the index files it read (a Map of path -> bytes) for the
 * `appshelf-index-files` integration, which writes them at the site root.
 */
export const INDEX_FILES_GLOBAL = "__appshelfIndexFiles";

/** Loads index.json, the catalog, every bin and every shard once, verifying each pinned file's digest. */
export function loadIndex(): LoadedIndex {
  if (!cached) {
    cached = readIndex(indexDir());
    (globalThis as Record<string, unknown>)[INDEX_FILES_GLOBAL] = cached.files;
  }
  return cached;
}

/**
 * Reads a built index folder: index.json (formatVersion 2), then every file it pins in
 * chain (catalog, Helm index, bins -> shards -> icons and in-registry artifacts), each
 * checked against its SHA-256 and size. index.json.sig is served as is when present
 * (the site does not need to trust the index: it is built from the local build).
 *
 * @throws Error naming the file that is missing, mismatched or inconsistent.
 */
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
  const top = JSON.parse(indexBytes.toString("utf8")) as IndexFile;
  if (top.formatVersion !== 2) {
    throw new Error(`${indexFile}: unsupported formatVersion ${String(top.formatVersion)}, expected 2. Rebuild with "npx appshelf build".`);
  }
  const files = new Map<string, Buffer>([["index.json", indexBytes]]);
  const signature = join(dir, SIGNATURE_FILE);
  if (existsSync(signature)) files.set(SIGNATURE_FILE, readFileSync(signature));
  const catalogBytes = readPinnedFile(dir, top.catalog, "catalog");
  files.set(top.catalog.path, catalogBytes);
  files.set(top.helmIndex.path, readPinnedFile(dir, top.helmIndex, "Helm repository index"));
  // Served so the next publish can restore it (appshelf build --ledger-from <site>).
  if (top.ledger) files.set(top.ledger.path, readPinnedFile(dir, top.ledger, "verification ledger"));
  for (const ref of top.nextcloudApi ?? []) files.set(ref.path, readPinnedFile(dir, ref, "Nextcloud app store API file"));
  const catalog = JSON.parse(catalogBytes.toString("utf8")) as Catalog;
  const bins = new Map<string, BinFile>();
  for (const [prefix, ref] of Object.entries(top.bins.files)) {
    const bytes = readPinnedFile(dir, ref, `bin ${prefix}`);
    files.set(ref.path, bytes);
    bins.set(prefix, JSON.parse(bytes.toString("utf8")) as BinFile);
  }
  const apps: AppEntry[] = [];
  const shards = new Map<string, Shard>();
  for (const entry of catalog.apps) {
    const shardRef = bins.get(assignBin(entry.id, top.bins.prefixLength))?.shards[entry.id];
    if (!shardRef) throw new Error(`catalog.json lists app "${entry.id}", but no bin named by index.json pins its shard.`);
    const shardBytes = readPinnedFile(dir, shardRef, `shard of app "${entry.id}"`);
    const shard = JSON.parse(shardBytes.toString("utf8")) as Shard;
    if (shard.id !== entry.id) {
      throw new Error(`Shard ${shardRef.path} holds app "${shard.id}", but its bin lists it for "${entry.id}".`);
    }
    apps.push({ ...entry, shard: shardRef });
    shards.set(entry.id, shard);
    files.set(shardRef.path, shardBytes);
    if (entry.icon) files.set(entry.icon.path, readPinnedFile(dir, entry.icon, `icon of app "${entry.id}"`));
    for (const v of shard.versions) {
      if (isRelativeUrl(v.artifact.url)) {
        const ref = { path: v.artifact.url, sha256: v.artifact.sha256, size: v.artifact.size };
        files.set(v.artifact.url, readPinnedFile(dir, ref, `artifact of ${entry.id} ${v.delivery} ${v.version}`));
      }
    }
  }
  for (const path of files.keys()) resolveIndexPath(dir, path);
  return { dir, index: { ...top, apps, categories: catalog.categories }, indexBytes, shards, files };
}

/** True for an artifact URL kept in the registry (a path relative to the index folder). */
export function isRelativeUrl(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//");
}
