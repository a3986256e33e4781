import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { close, createIndex } from "pagefind";
import { bundleCount, bundleKey, bundleOf, SEARCH_BUNDLES_FILE, type SearchBundles } from "../lib/search-bundles.ts";
import { reuseTree } from "./reuse-file.ts";
import { pagesOnDisk, type PageSource } from "./search-pages.ts";

/** What indexing did. */
export interface SearchIndexReport {
  /** App pages read by Pagefind (0 when every bundle was reused). */
  read: number;
  /** Pages in the search index (those marked data-pagefind-body: pages of listed apps), by Pagefind's language code. */
  indexed: Record<string, number>;
  /** Bundles indexed afresh and bundles reused from the previous build (its files hard-linked). */
  bundles: { indexed: number; reused: number };
}

/** What a previous build left for reuse: its folder and the page keys of this build. */
export interface SearchReuse {
  previousDir?: string | undefined;
  buildKey: string;
  /** Key of each page of this build, by output path (lib/page-reuse.ts). */
  pageKeys: Record<string, string>;
}

/** One bundle of the search index and what to do with it. */
export interface BundlePlan {
  /** Folder under pagefind/ ("0/"). */
  folder: string;
  /** Its app pages (output paths), sorted: the order Pagefind is given them, so the same pages give the same bytes. */
  pages: string[];
  /** Key of its inputs (lib/search-bundles.ts), when every page has one. */
  key?: string | undefined;
  /** Copied from the previous build (same key, its index still there) instead of indexed. */
  reused: boolean;
}

/** Pages handed to Pagefind before waiting for its answers (per bundle). */
const IN_FLIGHT = 64;

/** Bundles indexed at once when reading a built site from disk: the Pagefind process then uses both cores. */
const BUNDLES_AT_ONCE = 2;

/**
 * What to do with each bundle of `pages` (app page paths, as {@link appPagesByBundle} or
 * the page keys list them): with `reuse`, a bundle whose pages all have the same keys as in
 * the previous build, whose index is still there, is reused.
 */
export function planBundles(groups: [number, string[]][], reuse?: SearchReuse): BundlePlan[] {
  const previous = readBundles(reuse?.previousDir);
  return groups.map(([bundle, pages]) => {
    const folder = `${bundle}/`;
    const key = reuse
      ? bundleKey(
          reuse.buildKey,
          pages.map((path) => ({ path, key: reuse.pageKeys[path] })),
        )
      : undefined;
    const old = reuse?.previousDir ? join(reuse.previousDir, "pagefind", folder) : undefined;
    const reused = Boolean(
      key && old && previous?.keys[folder] === key && existsSync(join(old, "pagefind-entry.json")),
    );
    return { folder, pages, key, reused };
  });
}

/**
 * Builds the Pagefind index of a built site into `<outDir>/pagefind/<n>/` (`outDir`: the
 * site itself unless given), one bundle per group of apps (lib/search-bundles.ts), and lists
 * them in pagefind/bundles.json. Only app pages marked `data-pagefind-body` (pages of listed
 * apps) are given to Pagefind, one index per `<html lang>`. With `reuse`, a bundle whose
 * pages all have the same keys as in the previous build is taken from it byte for byte
 * (its files hard-linked, reuse-file.ts) instead of being indexed again.
 *
 * @throws Error carrying Pagefind's own messages when it reports any.
 */
export async function writeSearchIndex(
  siteDir: string,
  reuse?: SearchReuse,
  outDir = siteDir,
): Promise<SearchIndexReport> {
  return runBundles(planBundles(appPagesByBundle(siteDir), reuse), pagesOnDisk(siteDir), outDir, {
    previousDir: reuse?.previousDir,
    atOnce: BUNDLES_AT_ONCE,
  });
}

/**
 * Carries out `plan` into `<outDir>/pagefind/`: indexes each bundle not reused, taking its
 * pages from `source` in order (`atOnce` bundles at a time; all at once when the pages are
 * still being rendered), links the reused ones' files from `previousDir`, then writes
 * pagefind/bundles.json (bundles in order, with their keys for the next build).
 *
 * @throws Error carrying Pagefind's own messages when it reports any, or the source's.
 */
export async function runBundles(
  plan: readonly BundlePlan[],
  source: PageSource,
  outDir: string,
  options: { previousDir?: string | undefined; atOnce: number },
): Promise<SearchIndexReport> {
  const report: SearchIndexReport = { read: 0, indexed: {}, bundles: { indexed: 0, reused: 0 } };
  try {
    const queue = plan.filter((b) => !b.reused);
    const worker = async () => {
      for (let bundle = queue.shift(); bundle; bundle = queue.shift()) {
        const read = await indexBundle(source, bundle.pages, join(outDir, "pagefind", bundle.folder));
        report.read += read;
        report.bundles.indexed += 1;
      }
    };
    await Promise.all(Array.from({ length: Math.min(options.atOnce, queue.length) }, worker));
  } finally {
    await close();
  }
  const record: SearchBundles = { bundles: [], keys: {} };
  for (const bundle of plan) {
    const target = join(outDir, "pagefind", bundle.folder);
    if (bundle.reused) {
      reuseTree(join(options.previousDir ?? "", "pagefind", bundle.folder), target);
      report.bundles.reused += 1;
    }
    // A bundle of suspended apps only has no index.
    if (!existsSync(join(target, "pagefind-entry.json"))) continue;
    record.bundles.push(bundle.folder);
    if (bundle.key) record.keys[bundle.folder] = bundle.key;
    const entry = JSON.parse(readFileSync(join(target, "pagefind-entry.json"), "utf8")) as {
      languages: Record<string, { page_count: number }>;
    };
    for (const [lang, l] of Object.entries(entry.languages))
      report.indexed[lang] = (report.indexed[lang] ?? 0) + l.page_count;
  }
  mkdirSync(join(outDir, "pagefind"), { recursive: true });
  writeFileSync(join(outDir, SEARCH_BUNDLES_FILE), `${JSON.stringify(record)}\n`);
  return report;
}

/** Indexes the listed pages among `pages` (in that order) into `target`; returns how many pages were read. Writes nothing when none is listed. */
async function indexBundle(source: PageSource, pages: readonly string[], target: string): Promise<number> {
  const created = await createIndex({ rootSelector: "html" });
  const index = created.index;
  if (!index) throw new Error(`Pagefind could not start: ${created.errors.join("; ")}`);
  let listed = 0;
  let inFlight: ReturnType<typeof index.addHTMLFile>[] = [];
  const settle = async () => {
    for (const added of await Promise.all(inFlight)) {
      if (added.errors.length > 0)
        throw new Error(`Pagefind could not index ${added.file.url}: ${added.errors.join("; ")}`);
    }
    inFlight = [];
  };
  // Pages go to Pagefind's process IN_FLIGHT at a time: one at a time would wait a round trip per page.
  for (const sourcePath of pages) {
    const content = await source.get(sourcePath);
    // A bundle of suspended apps only must stay empty: without any data-pagefind-body page, Pagefind would index whole pages.
    if (content === null) continue;
    inFlight.push(index.addHTMLFile({ sourcePath, content }));
    listed += 1;
    if (inFlight.length >= IN_FLIGHT) await settle();
  }
  await settle();
  if (listed > 0) {
    const written = await index.writeFiles({ outputPath: target });
    if (written.errors.length > 0) throw new Error(`Pagefind could not write its index: ${written.errors.join("; ")}`);
  }
  await index.deleteIndex();
  return pages.length;
}

/** An output path that is an app page (`apps/<id>/index.html`, `<lang>/apps/<id>/index.html`), with the app's id. */
const APP_PAGE = /^(?:[^/]+\/)?apps\/([^/]+)\/index\.html$/;

/** The app id of an app page's output path, else undefined. */
export function appPageId(path: string): string | undefined {
  return APP_PAGE.exec(path)?.[1];
}

/** App page paths grouped by bundle in bundle order, each group sorted. */
export function groupByBundle(paths: Iterable<string>): [number, string[]][] {
  const pages = [...paths].flatMap((path) => {
    const id = appPageId(path);
    return id === undefined ? [] : [{ id, path }];
  });
  const ids = new Set(pages.map((p) => p.id));
  const count = bundleCount(ids.size);
  // One hash per app (not per page and language), and lists grown in place.
  const bundles = new Map([...ids].map((id) => [id, bundleOf(id, count)]));
  const groups = new Map<number, string[]>();
  for (const p of pages) {
    const bundle = bundles.get(p.id) ?? 0;
    const list = groups.get(bundle);
    if (list) list.push(p.path);
    else groups.set(bundle, [p.path]);
  }
  return [...groups]
    .sort(([a], [b]) => a - b)
    .map(([bundle, list]) => [bundle, list.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))]);
}

/**
 * The app pages of a built site (`apps/<id>/index.html` and `<lang>/apps/<id>/index.html`),
 * grouped by bundle in bundle order, each group sorted.
 */
export function appPagesByBundle(siteDir: string): [number, string[]][] {
  const pages: string[] = [];
  const langDirs = readdirSync(siteDir, { withFileTypes: true }).filter(
    (e) => e.isDirectory() && existsSync(join(siteDir, e.name, "apps")),
  );
  for (const prefix of ["", ...langDirs.map((e) => `${e.name}/`)]) {
    const apps = join(siteDir, prefix, "apps");
    if (!existsSync(apps)) continue;
    for (const e of readdirSync(apps, { withFileTypes: true })) {
      if (e.isDirectory() && existsSync(join(apps, e.name, "index.html")))
        pages.push(`${prefix}apps/${e.name}/index.html`);
    }
  }
  return groupByBundle(pages);
}

function readBundles(dir: string | undefined): SearchBundles | undefined {
  const file = dir ? join(dir, SEARCH_BUNDLES_FILE) : undefined;
  return file && existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as SearchBundles) : undefined;
}
