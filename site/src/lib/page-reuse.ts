import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadIndex } from "./load-index.ts";
import { trustedIndexKeys } from "./trust.ts";
import {
  handedOver,
  handOver,
  PAGE_REUSE_GLOBAL,
  PAGES_RECORD,
  type PagesRecord,
  type ReuseState,
} from "./handover.ts";

export { PAGES_RECORD, type PagesRecord, type ReuseState } from "./handover.ts";

/**
 * Incremental catalog builds. A page whose inputs are unchanged since the previous build
 * (the folder in APPSHELF_SITE_PREVIOUS, e.g. the last publish's site restored from a CI
 * cache) is not rendered again: its route leaves it out of getStaticPaths, and the
 * `appshelf-reuse-pages` integration copies the previous file into the new output, byte
 * for byte, before Pagefind indexes the site. A page's key hashes the build key (the site
 * and engine sources, locked dependencies, site URL: astro.config.mjs), the index-wide
 * inputs every page shows (categories, download counts, the trusted keys of the trust
 * panel) and the page's own data; any
 * difference renders it again. Without APPSHELF_SITE_PREVIOUS every page is rendered.
 */

declare const __APPSHELF_SITE_BUILD_KEY__: string;

/** This process's reuse state (made on first use). */
export function reuseState(): ReuseState {
  let state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
  if (!state) {
    state = { buildKey: __APPSHELF_SITE_BUILD_KEY__, current: {}, reused: [] };
    const previousDir = process.env.APPSHELF_SITE_PREVIOUS;
    if (previousDir && existsSync(join(previousDir, PAGES_RECORD))) {
      const previous = JSON.parse(readFileSync(join(previousDir, PAGES_RECORD), "utf8")) as PagesRecord;
      if (previous.buildKey === state.buildKey) Object.assign(state, { previousDir, previous });
    }
    handOver(PAGE_REUSE_GLOBAL, state);
  }
  return state;
}

let indexWide: string | undefined;

/** A page's key: the build key, the index-wide inputs and `data` (what the page is made of). */
export function pageKey(data: unknown): string {
  const { index } = loadIndex();
  indexWide ??= JSON.stringify([
    index.categories,
    (index as { stats?: { sha256: string } }).stats?.sha256 ?? null,
    trustedIndexKeys(),
  ]);
  return createHash("sha256")
    .update(reuseState().buildKey)
    .update("\0")
    .update(indexWide)
    .update("\0")
    .update(JSON.stringify(data))
    .digest("hex");
}

/**
 * Records the page at `outputPath` with `key` and says whether it must be rendered: false
 * when the previous build made it from the same key and its file is still there (it is
 * then copied instead).
 */
export function mustRender(outputPath: string, key: string): boolean {
  const state = reuseState();
  state.current[outputPath] = key;
  const { previous, previousDir } = state;
  if (!previous || !previousDir || previous.pages[outputPath] !== key || !existsSync(join(previousDir, outputPath)))
    return true;
  state.reused.push(outputPath);
  return false;
}
