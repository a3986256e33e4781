import { createHash } from "node:crypto";

/**
 * The catalog's search index is split into Pagefind bundles (`pagefind/<n>/`), each holding
 * the app pages of the apps whose id hashes to it; the search page searches them all as one
 * (Pagefind's `mergeIndex`: one list sorted by score, filters summed). A change to one app
 * re-indexes only its bundle; the others are taken from the previous build (hard links).
 */

/** Where the list of bundles (and the key of each, for the next build) is written, under the site root. */
export const SEARCH_BUNDLES_FILE = "pagefind/bundles.json";

/** Apps per bundle the split aims at (at most): re-indexing one bundle then costs a few seconds. */
export const APPS_PER_BUNDLE = 1000;

/** The record in {@link SEARCH_BUNDLES_FILE}. */
export interface SearchBundles {
  /** Bundle folders under pagefind/ (e.g. "0/"), in search order; the first one loads Pagefind's code. */
  bundles: string[];
  /** Key of each bundle's inputs (see {@link bundleKey}), by folder. */
  keys: Record<string, string>;
}

/**
 * How many bundles `apps` apps are split into: the smallest power of two giving at most
 * {@link APPS_PER_BUNDLE} apps per bundle (1 up to 1,000 apps, 16 at 10,000). A power of two,
 * so an app's bundle is a prefix of its id's hash and stays put until the count doubles.
 */
export function bundleCount(apps: number): number {
  let count = 1;
  while (apps / count > APPS_PER_BUNDLE && count < 256) count *= 2;
  return count;
}

/** The bundle (0 .. count-1) of the app `id`: the first byte of SHA-256(id), modulo `count` (a power of two). */
export function bundleOf(id: string, count: number): number {
  return createHash("sha256").update(id).digest()[0]! % count;
}

/**
 * A bundle's key: the site's build key (which covers Pagefind's version through the
 * lockfile: integrations/reuse-pages.ts) and each of its pages' path and key
 * (lib/page-reuse.ts). Undefined when a page has no key (then the bundle is always indexed
 * afresh).
 */
export function bundleKey(
  buildKey: string,
  pages: readonly { path: string; key: string | undefined }[],
): string | undefined {
  if (pages.some((p) => p.key === undefined)) return undefined;
  const sorted = [...pages].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return createHash("sha256")
    .update(JSON.stringify([buildKey, sorted.map((p) => [p.path, p.key])]))
    .digest("hex");
}
