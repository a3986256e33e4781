import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { searchDocument } from "./search-document.ts";

/**
 * Where the search indexer (search-index.ts) takes each app page from, in the order it
 * needs them. A page is handed over by the render hook as soon as Astro has rendered it
 * ({@link PageFeed.offer}); a page reused from the previous build is read from there (the
 * same bytes the reuse integration copies); once the build has written every page
 * ({@link PageFeed.allWritten}), a page still missing is read from the output folder. So
 * Pagefind, a process of its own, indexes while Astro is still rendering, and the index is
 * the same whichever way each page arrived.
 */
export interface PageSource {
  /**
   * What Pagefind is given of the page at `path` (its search document), or null when the
   * page is not listed (no `data-pagefind-body`: a suspended app) and must not be indexed.
   */
  get(path: string): Promise<string | null>;
}

/** What Pagefind is given of a page's HTML: its search document, or null for an unlisted page. */
export function searchInput(html: string): string | null {
  return html.includes("data-pagefind-body") ? searchDocument(html) : null;
}

/** Pages read from a built site's folder. */
export function pagesOnDisk(siteDir: string): PageSource {
  return { get: async (path) => searchInput(readFileSync(join(siteDir, path), "utf8")) };
}

interface Waiting {
  promise: Promise<string | null>;
  resolve: (input: string | null) => void;
  settled: boolean;
  /** The indexer asked for it: dropped from the feed once settled, so its text is freed as it is sent. */
  taken: boolean;
}

/**
 * Pages handed over while the build renders them. Only the pages of `wanted` (those of the
 * bundles to index) are kept, each until the indexer takes it.
 */
export class PageFeed implements PageSource {
  readonly #pages = new Map<string, Waiting>();
  readonly #wanted: ReadonlySet<string>;
  readonly #reused: ReadonlySet<string>;
  readonly #previousDir: string | undefined;
  #siteDir: string | undefined;

  /**
   * @param wanted output paths of the app pages to index (e.g. `zh-CN/apps/harbor/index.html`)
   * @param reused those of them the build copies from `previousDir` instead of rendering
   */
  constructor(wanted: Iterable<string>, reused: Iterable<string>, previousDir: string | undefined) {
    this.#wanted = new Set(wanted);
    this.#reused = new Set(reused);
    this.#previousDir = previousDir;
  }

  /** Whether the page at `path` is one the indexer waits for. */
  wants(path: string): boolean {
    return this.#wanted.has(path);
  }

  /** Hands over the rendered HTML of the page at `path` (ignored unless {@link wants}). */
  offer(path: string, html: string): void {
    if (!this.#wanted.has(path)) return;
    this.#settle(path, searchInput(html));
  }

  /**
   * Says every page is now in `siteDir`: pages not handed over are read from there.
   *
   * @throws Error when a page the indexer waits for is not in `siteDir`
   */
  allWritten(siteDir: string): void {
    this.#siteDir = siteDir;
    for (const [path, waiting] of this.#pages) if (!waiting.settled) this.#settle(path, this.#readNow(path));
  }

  get(path: string): Promise<string | null> {
    const waiting = this.#waiting(path);
    waiting.taken = true;
    if (!waiting.settled) {
      if (this.#reused.has(path) && this.#previousDir) this.#settle(path, this.#read(this.#previousDir, path));
      else if (this.#siteDir) this.#settle(path, this.#readNow(path));
    }
    if (waiting.settled) this.#pages.delete(path);
    return waiting.promise;
  }

  #readNow(path: string): string | null {
    return this.#read(this.#siteDir ?? "", path);
  }

  #read(dir: string, path: string): string | null {
    const file = join(dir, path);
    if (!existsSync(file)) throw new Error(`The search index waits for ${path}, which the build did not write.`);
    return searchInput(readFileSync(file, "utf8"));
  }

  #settle(path: string, input: string | null): void {
    const waiting = this.#waiting(path);
    if (waiting.settled) return;
    waiting.settled = true;
    waiting.resolve(input);
    if (waiting.taken) this.#pages.delete(path);
  }

  #waiting(path: string): Waiting {
    let waiting = this.#pages.get(path);
    if (!waiting) {
      let resolve: (input: string | null) => void = () => {};
      const promise = new Promise<string | null>((r) => {
        resolve = r;
      });
      waiting = { promise, resolve, settled: false, taken: false };
      this.#pages.set(path, waiting);
    }
    return waiting;
  }
}
