import { readFileSync } from "node:fs";
import { parseTrustedKeys } from "../../../registry/src/site-api.ts";
import { handOver, INDEX_FILES_GLOBAL } from "./handover.ts";
import { indexDir } from "./index-dir.ts";
import { readRegistry, type LoadedIndex } from "./read-registry.ts";

export type { LoadedIndex } from "./read-registry.ts";

/**
 * The trusted keys file (APPSHELF_TRUSTED_KEYS, else the client's registry/keys/trusted-keys.json),
 * resolved by astro.config.mjs and passed in through Vite's `define`.
 */
declare const __APPSHELF_TRUSTED_KEYS__: string;

/**
 * The registry, read once when the pages' module graph starts (top-level await), through the
 * client library (lib/read-registry.ts). Pages and views take what they show from here and
 * hand it to components as props.
 */
const loaded: LoadedIndex = await readRegistry(indexDir(), parseTrustedKeys(readFileSync(__APPSHELF_TRUSTED_KEYS__), __APPSHELF_TRUSTED_KEYS__), __APPSHELF_TRUSTED_KEYS__);
// The files are written at the site root by integrations/serve-index-files.ts.
handOver(INDEX_FILES_GLOBAL, loaded.files);

/** The registry this build shows: index, shards and every file to serve (read and verified once). */
export function loadIndex(): LoadedIndex {
  return loaded;
}
