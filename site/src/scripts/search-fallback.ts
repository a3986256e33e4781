/**
 * What the search page offers when Pagefind finds nothing in the page's language: the
 * same words in the other languages' names, summaries and keywords ("no results in
 * English — 5 in 中文"), else apps whose id, name words or keywords are within a small edit
 * distance of each word (typo tolerance Pagefind does not have). Runs over
 * `/search-catalog.json` (every listed app, every language; see lib/search-catalog.ts). Pure.
 */
import { distance } from "fastest-levenshtein";

/** One listed app as the search catalog holds it. */
export interface CatalogApp {
  id: string;
  /** Page path per interface language. */
  urls: Record<string, string>;
  names: Record<string, string>;
  /** Per interface language: the words its page is found by (name, summary, category names). */
  texts: Record<string, string>;
  keywords: string[];
  categories: string[];
  publisher: string;
  /** Latest released version per delivery type, e.g. { helm: "27.0.0" }. */
  latest: Record<string, string>;
  icon?: string;
}

/** The fallback's answer: apps found in other languages (with the count per language), or close matches for a mistyped word. */
export type Fallback =
  | { kind: "other-language"; counts: Record<string, number>; apps: CatalogApp[] }
  | { kind: "typo"; apps: CatalogApp[] }
  | { kind: "none" };

const words = (text: string): string[] =>
  text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);

/** Edits allowed for a word of this length: none below 4 letters, 1 at 4, else 2 (a swap of two letters is 2 edits). */
function allowedEdits(word: string): number {
  return word.length < 4 ? 0 : word.length === 4 ? 1 : 2;
}

/**
 * The fallback for `term` on a page in `lang`: first every other language whose text
 * contains the whole term (case-insensitive), else apps with a word or keyword within the
 * allowed edits of every word of the term.
 */
export function fallbackSearch(apps: readonly CatalogApp[], term: string, lang: string): Fallback {
  const needle = term.trim().toLowerCase();
  if (!needle) return { kind: "none" };
  const counts: Record<string, number> = {};
  const found = new Set<CatalogApp>();
  for (const app of apps) {
    for (const [other, text] of Object.entries(app.texts)) {
      if (other === lang) continue;
      if (text.toLowerCase().includes(needle)) {
        counts[other] = (counts[other] ?? 0) + 1;
        found.add(app);
      }
    }
  }
  if (found.size > 0) return { kind: "other-language", counts, apps: [...found] };
  const asked = words(needle);
  const close = apps.filter((app) => {
    const vocabulary = new Set([
      app.id,
      ...app.id.split("-"),
      ...Object.values(app.names).flatMap(words),
      ...app.keywords.flatMap(words),
      ...words(app.publisher),
    ]);
    return asked.every((w) => [...vocabulary].some((v) => distance(w, v) <= allowedEdits(w)));
  });
  return close.length > 0 ? { kind: "typo", apps: close } : { kind: "none" };
}
