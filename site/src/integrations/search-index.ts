import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { close, createIndex } from "pagefind";

/** What indexing found. */
export interface SearchIndexReport {
  /** HTML files read. */
  read: number;
  /** Pages indexed (those marked data-pagefind-body), by Pagefind's language code. */
  indexed: Record<string, number>;
}

/**
 * The pages Pagefind reads: app pages in every language. Only pages marked
 * `data-pagefind-body` are indexed (pages of listed apps), and only app pages carry it, so
 * reading the others (publishers, categories, ...) would cost time for nothing.
 */
export const SEARCHED_PAGES = "{apps,*/apps}/*/index.html";

/**
 * Builds the Pagefind index of a built site into `<siteDir>/pagefind/`. Only pages marked
 * `data-pagefind-body` are indexed (pages of listed apps, found by {@link SEARCHED_PAGES}),
 * one index per `<html lang>`.
 *
 * @throws Error carrying Pagefind's own messages when it reports any.
 */
export async function writeSearchIndex(siteDir: string): Promise<SearchIndexReport> {
  try {
    const created = await createIndex({ rootSelector: "html" });
    if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
    const added = await created.index.addDirectory({ path: siteDir, glob: SEARCHED_PAGES });
    if (added.errors.length > 0) throw new Error(`Pagefind could not index ${siteDir}: ${added.errors.join("; ")}`);
    const written = await created.index.writeFiles({ outputPath: join(siteDir, "pagefind") });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
    const entry = JSON.parse(readFileSync(join(siteDir, "pagefind", "pagefind-entry.json"), "utf8")) as { languages: Record<string, { page_count: number }> };
    const indexed = Object.fromEntries(Object.entries(entry.languages).map(([lang, l]) => [lang, l.page_count]));
    return { read: added.page_count, indexed };
  } finally {
    await close();
  }
}

/** Astro integration: indexes the site for search once the build has written it. */
export function searchIndex(): AstroIntegration {
  return {
    name: "appshelf-search-index",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const start = performance.now();
        const report = await writeSearchIndex(fileURLToPath(dir));
        const seconds = ((performance.now() - start) / 1000).toFixed(1);
        const indexed = Object.entries(report.indexed).map(([lang, n]) => `${n} ${lang}`).join(", ");
        logger.info(`Pagefind read ${report.read} pages and indexed ${indexed} into pagefind/ in ${seconds} s.`);
      },
    },
  };
}
