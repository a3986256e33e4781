/**
 * The folder holding index.json. astro.config.mjs resolves it once
 * (APPSHELF_INDEX_DIR, else <repo>/dist, relative to the config file) and
 * passes it in through Vite's `define`.
 */
declare const __APPSHELF_INDEX_DIR__: string;

export function indexDir(): string {
  return __APPSHELF_INDEX_DIR__;
}
