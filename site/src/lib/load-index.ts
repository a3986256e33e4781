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

/** The index folder: defined (by Vite's `define`) only inside the catalog build. */
declare const __APPSHELF_INDEX_DIR__: string | undefined;

/**
 * The registry, read once when the pages' module graph starts (top-level await), through the
 * client library (lib/read-registry.ts). Pages and views take what they show from here and
 * hand it to components as props. Outside the build (a unit test importing a pure helper that
 * lives beside the catalog's lists) there is no index folder and nothing is read.
 */
const loaded: LoadedIndex | undefined =
  typeof __APPSHELF_INDEX_DIR__ === "undefined"
    ? undefined
    : await readRegistry(
        indexDir(),
        parseTrustedKeys(readFileSync(__APPSHELF_TRUSTED_KEYS__), __APPSHELF_TRUSTED_KEYS__),
        __APPSHELF_TRUSTED_KEYS__,
      );
// The files are written at the site root by integrations/serve-index-files.ts.
if (loaded) handOver(INDEX_FILES_GLOBAL, loaded.files);

/**
 * The registry this build shows: index, shards and every file to serve (read and verified once).
 *
 * @throws Error outside the catalog build (no index folder defined)
 */
export function loadIndex(): LoadedIndex {
  if (!loaded)
    throw new Error("The registry is loaded only inside the catalog build (astro.config.mjs defines its folder).");
  return loaded;
}
