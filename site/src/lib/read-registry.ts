import { openRegistry, readWholeRegistry, type TrustedKeys } from "../../../registry/src/site-api.ts";
import type { AppEntry, RegistryIndex, Shard } from "./types.ts";

/** A built registry as the catalog uses it. */
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

/**
 * Reads a built registry folder through the client library, as `appshelf pull` reads one
 * (registry/src/client: openRegistry over a folder, then readWholeRegistry): index.json and
 * every file it pins in chain, each checked against its digest and size and each metadata
 * file against its schema. The catalog is often built before the index is signed (the
 * publish workflow signs after), so an unsigned or expired index is accepted; an index
 * signed by a key outside `trustedKeys` is refused, as every client would refuse it.
 *
 * @throws Error naming the folder and what the client refused (missing, mismatched, unknown key, ...).
 */
export async function readRegistry(
  dir: string,
  trustedKeys: TrustedKeys,
  trustedKeysFile: string,
): Promise<LoadedIndex> {
  try {
    const registry = await openRegistry({
      location: dir,
      trustedKeys,
      trustedKeysFile,
      allowUnsigned: true,
      allowExpired: true,
    });
    const whole = await readWholeRegistry(registry);
    const apps: AppEntry[] = whole.catalog.apps.map((entry) => ({ ...entry, shard: whole.shardRefs.get(entry.id)! }));
    return {
      dir,
      index: { ...registry.index, apps, categories: whole.catalog.categories },
      indexBytes: registry.indexBytes,
      shards: whole.shards,
      files: whole.files,
    };
  } catch (cause) {
    throw new Error(
      `Cannot read the registry in ${dir}: ${(cause as Error).message}. Run "npx appshelf build" first, or set APPSHELF_INDEX_DIR to a folder holding index.json.`,
      { cause },
    );
  }
}
