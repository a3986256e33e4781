import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { close, createIndex } from "pagefind";
import { bundleCount, bundleKey, bundleOf, SEARCH_BUNDLES_FILE, type SearchBundles } from "../lib/search-bundles.ts";
import { handedOver, PAGE_REUSE_GLOBAL, type ReuseState } from "../lib/handover.ts";
import { searchDocument } from "./search-document.ts";

/** What indexing did. */
export interface SearchIndexReport {
  /** App pages read by Pagefind (0 when every bundle was reused). */
  read: number;
  /** Pages in the search index (those marked data-pagefind-body: pages of listed apps), by Pagefind's language code. */
  indexed: Record<string, number>;
  /** Bundles indexed afresh and bundles copied from the previous build. */
  bundles: { indexed: number; reused: number };
}

/** What a previous build left for reuse: its folder and the page keys of this build. */
export interface SearchReuse {
  previousDir?: string | undefined;
  buildKey: string;
  /** Key of each page of this build, by output path (lib/page-reuse.ts). */
  pageKeys: Record<string, string>;
}

/** Pages handed to Pagefind at once. */
const IN_FLIGHT = 64;

/**
 * Builds the Pagefind index of a built site into `<siteDir>/pagefind/<n>/`, one bundle per
 * group of apps (lib/search-bundles.ts), and lists them in pagefind/bundles.json. Only app
 * pages marked `data-pagefind-body` (pages of listed apps) are given to Pagefind, one index
 * per `<html lang>`. With `reuse`, a bundle whose pages all have the same keys as in the
 * previous build is copied from it byte for byte instead of being indexed again.
 *
 * @throws Error carrying Pagefind's own messages when it reports any.
 */
export async function writeSearchIndex(siteDir: string, reuse?: SearchReuse): Promise<SearchIndexReport> {
  const groups = appPagesByBundle(siteDir);
  const previous = readBundles(reuse?.previousDir);
  const record: SearchBundles = { bundles: [], keys: {} };
  const report: SearchIndexReport = { read: 0, indexed: {}, bundles: { indexed: 0, reused: 0 } };
  try {
    for (const [bundle, pages] of groups) {
      const folder = `${bundle}/`;
      const key = reuse
        ? bundleKey(
            reuse.buildKey,
            pages.map((path) => ({ path, key: reuse.pageKeys[path] })),
          )
        : undefined;
      const target = join(siteDir, "pagefind", folder);
      const old = reuse?.previousDir ? join(reuse.previousDir, "pagefind", folder) : undefined;
      if (key && old && previous?.keys[folder] === key && existsSync(join(old, "pagefind-entry.json"))) {
        cpSync(old, target, { recursive: true });
        report.bundles.reused += 1;
      } else {
        const read = await indexBundle(siteDir, pages, target);
        report.read += read;
        report.bundles.indexed += 1;
        if (!existsSync(join(target, "pagefind-entry.json"))) continue;
      }
      record.bundles.push(folder);
      if (key) record.keys[folder] = key;
      const entry = JSON.parse(readFileSync(join(target, "pagefind-entry.json"), "utf8")) as {
        languages: Record<string, { page_count: number }>;
      };
      for (const [lang, l] of Object.entries(entry.languages))
        report.indexed[lang] = (report.indexed[lang] ?? 0) + l.page_count;
    }
  } finally {
    await close();
  }
  mkdirSync(join(siteDir, "pagefind"), { recursive: true });
  writeFileSync(join(siteDir, SEARCH_BUNDLES_FILE), `${JSON.stringify(record)}\n`);
  return report;
}

/** Indexes the listed pages among `pages` into `target`; returns how many pages were read. Writes nothing when none is listed. */
async function indexBundle(siteDir: string, pages: readonly string[], target: string): Promise<number> {
  const created = await createIndex({ rootSelector: "html" });
  if (!created.index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
  let listed = 0;
  // Pages go to Pagefind's process IN_FLIGHT at a time: one at a time would wait a round trip per page.
  for (let i = 0; i < pages.length; i += IN_FLIGHT) {
    const batch = pages.slice(i, i + IN_FLIGHT).flatMap((sourcePath) => {
      const content = readFileSync(join(siteDir, sourcePath), "utf8");
      // A bundle of suspended apps only must stay empty: without any data-pagefind-body page, Pagefind would index whole pages.
      return content.includes("data-pagefind-body") ? [{ sourcePath, content: searchDocument(content) }] : [];
    });
    for (const added of await Promise.all(batch.map((file) => created.index!.addHTMLFile(file)))) {
      if (added.errors.length > 0)
        throw new Error(`Pagefind could not index ${added.file.url}: ${added.errors.join("; ")}`);
    }
    listed += batch.length;
  }
  if (listed > 0) {
    const written = await created.index.writeFiles({ outputPath: target });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
  }
  await created.index.deleteIndex();
  return pages.length;
}

/**
 * The app pages of a built site (`apps/<id>/index.html` and `<lang>/apps/<id>/index.html`),
 * grouped by bundle in bundle order, each group sorted.
 */
export function appPagesByBundle(siteDir: string): [number, string[]][] {
  const pages: { id: string; path: string }[] = [];
  const langDirs = readdirSync(siteDir, { withFileTypes: true }).filter(
    (e) => e.isDirectory() && existsSync(join(siteDir, e.name, "apps")),
  );
  for (const prefix of ["", ...langDirs.map((e) => `${e.name}/`)]) {
    const apps = join(siteDir, prefix, "apps");
    if (!existsSync(apps)) continue;
    for (const e of readdirSync(apps, { withFileTypes: true })) {
      if (e.isDirectory() && existsSync(join(apps, e.name, "index.html")))
        pages.push({ id: e.name, path: `${prefix}apps/${e.name}/index.html` });
    }
  }
  const count = bundleCount(new Set(pages.map((p) => p.id)).size);
  const groups = new Map<number, string[]>();
  for (const p of pages) {
    const bundle = bundleOf(p.id, count);
    groups.set(bundle, [...(groups.get(bundle) ?? []), p.path]);
  }
  return [...groups].sort(([a], [b]) => a - b).map(([bundle, paths]) => [bundle, paths.sort()]);
}

function readBundles(dir: string | undefined): SearchBundles | undefined {
  const file = dir ? join(dir, SEARCH_BUNDLES_FILE) : undefined;
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SearchBundles) : undefined;
}

/** Astro integration: indexes the site for search once the build has written it (after page reuse). */
export function searchIndex(): AstroIntegration {
  return {
    name: "appshelf-search-index",
    hooks: {
      "astro:build:done": async ({ dir, logger }) => {
        const start = performance.now();
        const state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
        const reuse = state
          ? { previousDir: state.previousDir, buildKey: state.buildKey, pageKeys: state.current }
          : undefined;
        const report = await writeSearchIndex(fileURLToPath(dir), reuse);
        const seconds = ((performance.now() - start) / 1000).toFixed(1);
        const indexed = Object.entries(report.indexed)
          .map(([lang, n]) => `${n} ${lang}`)
          .join(", ");
        logger.info(
          `Pagefind read ${report.read} pages and indexed ${indexed} into pagefind/ in ${seconds} s (${report.bundles.indexed} bundles indexed, ${report.bundles.reused} reused).`,
        );
      },
    },
  };
}
