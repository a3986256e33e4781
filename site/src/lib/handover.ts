/**
 * What the pages hand over to the integrations that run after them (integrations/), on
 * globalThis: the pages and the integrations are separate module graphs of one process.
 * This module holds only names and shapes, so an integration importing it never loads the
 * registry (lib/load-index.ts reads it when the pages' module graph starts).
 */

/** The index files read and verified by lib/load-index.ts (Map of path -> bytes), for integrations/serve-index-files.ts. */
export const INDEX_FILES_GLOBAL = "__appshelfIndexFiles";

/** The app feeds writer ({@link AppFeedsWriter}, lib/app-feeds.ts), for integrations/app-feeds.ts. */
export const APP_FEEDS_GLOBAL = "__appshelfAppFeeds";

/** The page reuse state ({@link ReuseState}, lib/page-reuse.ts), for integrations/reuse-pages.ts and search-index.ts. */
export const PAGE_REUSE_GLOBAL = "__appshelfPageReuse";

/**
 * Manifest Markdown rendered so far (Map of Markdown text -> sanitized HTML), shared by
 * lib/markdown.ts (which renders and remembers) and integrations/markdown-ahead.ts (which
 * fills it from a worker thread before the pages need it).
 */
export const MARKDOWN_GLOBAL = "__appshelfMarkdown";

/**
 * The port (a `MessagePort` of node:worker_threads) on which the Markdown worker posts what it
 * rendered (lib/markdown-inbox.ts `MarkdownMessage`), while integrations/markdown-ahead.ts runs
 * one; lib/markdown.ts takes its messages in synchronously when a text is not yet in
 * {@link MARKDOWN_GLOBAL}.
 */
export const MARKDOWN_INBOX_GLOBAL = "__appshelfMarkdownInbox";

/** Most texts {@link MARKDOWN_GLOBAL} keeps (entries; some 10 MB per 10,000 short texts): the bound on its memory. */
export const MARKDOWN_KEPT = 200_000;

/** What writing the app feeds did. */
export interface AppFeedsReport {
  /** Feeds built and written. */
  written: number;
  /** Feeds left to the reuse integration (unchanged since the previous build; copied from it). */
  reused: number;
}

/**
 * Writes every app feed of a build into `outDir` for the site at `site`: each feed to write
 * is given to `write` as its file path and its data (lib/feed.ts `Feed`, plain values), which
 * writes it as Atom XML (integrations/app-feeds.ts, on another thread).
 */
export type AppFeedsWriter = (
  outDir: string,
  site: URL,
  write: (file: string, feed: unknown) => void,
) => AppFeedsReport;

/** Where the record of a build's page keys is kept in a built site. */
export const PAGES_RECORD = ".appshelf-pages.json";

/** The record of a build's page keys, written to the output as {@link PAGES_RECORD}. */
export interface PagesRecord {
  buildKey: string;
  /** Key by output path (e.g. `zh-CN/apps/harbor/index.html`). */
  pages: Record<string, string>;
  /** SHA-256 (hex) of each index file served at the site root, by path (integrations/serve-index-files.ts); absent in older records. */
  indexFiles?: Record<string, string>;
}

/** What one build process knows about page reuse. */
export interface ReuseState {
  buildKey: string;
  previousDir?: string;
  previous?: PagesRecord;
  current: Record<string, string>;
  /** Output paths to copy from the previous build. */
  reused: string[];
  /** SHA-256 of each index file this build serves, by path, once written (for the next build's record). */
  indexFiles?: Record<string, string>;
}

/**
 * Callbacks to run once every route's static paths, and so every page's key and whether it
 * is reused (lib/page-reuse.ts), are known, before the first page renders: registered by
 * integrations ({@link whenPathsKnown}), run by the search integration's prerenderer
 * (integrations/search-integration.ts, {@link pathsKnown}). One build per process.
 */
const PATHS_KNOWN_GLOBAL = "__appshelfPathsKnown";

/** Runs `callback` when the build's static paths are known (see {@link pathsKnown}); never, if nothing says so. */
export function whenPathsKnown(callback: () => void): void {
  handOver<(() => void)[]>(PATHS_KNOWN_GLOBAL, []).push(callback);
}

/** Says the build's static paths are known: runs the callbacks {@link whenPathsKnown} registered, in order. */
export function pathsKnown(): void {
  for (const callback of handedOver<(() => void)[]>(PATHS_KNOWN_GLOBAL) ?? []) callback();
}

/** The value the pages left under `name`, if any. */
export function handedOver<T>(name: string): T | undefined {
  return (globalThis as Record<string, unknown>)[name] as T | undefined;
}

/** Removes what was left under `name`, so that a later {@link handOver} leaves its own value. */
export function withdraw(name: string): void {
  delete (globalThis as Record<string, unknown>)[name];
}

/** Leaves `value` under `name` for the integrations (the first value stays). */
export function handOver<T>(name: string, value: T): T {
  const holder = globalThis as Record<string, unknown>;
  holder[name] ??= value;
  return holder[name] as T;
}
