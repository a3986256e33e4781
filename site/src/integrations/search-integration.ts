import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration, AstroPrerenderer } from "astro";
import { close } from "pagefind";
import { handedOver, PAGE_REUSE_GLOBAL, pathsKnown, type ReuseState } from "../lib/handover.ts";
import {
  appPageId,
  appPagesByBundle,
  type BundlePlan,
  groupByBundle,
  planBundles,
  runBundles,
  type SearchIndexReport,
} from "./search-index.ts";
import { helperThreadsOn } from "./helper-threads.ts";
import { PageFeed } from "./search-pages.ts";
import { SearchThread } from "./search-thread.ts";

/** Where rendered pages go: Pagefind fed on this thread ({@link PageFeed}) or on a worker ({@link SearchThread}). */
interface PageSink {
  /** Takes the page's bytes if the index wants them (a worker then owns their buffer: the caller must not use them after). */
  offer(path: string, bytes: Uint8Array): void;
  allWritten(siteDir: string): void;
}

/** A search index being built while Astro renders: its pages' feed and the result to come. */
interface Running {
  feed: PageSink;
  /** App pages the plan was made for, bundle by bundle. */
  groups: [number, string[]][];
  result: Promise<SearchIndexReport>;
  /** Ends Pagefind without writing more (the build failed). */
  stop: () => Promise<void>;
}

/**
 * Astro integration: the Pagefind index of the app pages (search-index.ts), built while
 * Astro renders. It wraps Astro's prerenderer so that the app pages render bundle by
 * bundle, in the order the index needs, and each one's HTML, once rendered, is written and
 * handed to Pagefind's process (search-pages.ts); Pagefind then works on the second core
 * while this one renders, writing each bundle's index once its last page is in, instead of
 * reading every page back from disk after the build. Pages reused from the previous build are read from there,
 * and a bundle whose pages all kept their keys is reused whole, its files linked (lib/search-bundles.ts). The
 * page list and keys come from the page routes (lib/page-reuse.ts), known once Astro has
 * every route's static paths, before the first page renders; when the build is done, the
 * pages it wrote are checked against that list, so the index always covers exactly the
 * built app pages. The bytes are the same as indexing the built pages from disk
 * (site/test/site.test.ts compares).
 *
 * @throws Error (failing the build) carrying Pagefind's messages, or when the built app pages differ from the planned ones.
 */
export function searchIndex(): AstroIntegration {
  let outDir = "";
  let workerFile: URL | undefined;
  let running: Running | undefined;
  /** App pages this integration wrote as Astro rendered them. */
  let written = 0;
  const start = (): Running | undefined => {
    if (running) return running;
    const state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
    if (!state) return undefined;
    const groups = groupByBundle(Object.keys(state.current));
    const plan = planBundles(groups, {
      previousDir: state.previousDir,
      buildKey: state.buildKey,
      pageKeys: state.current,
    });
    const made = helperThreadsOn()
      ? onThread(workerFile ?? new URL("file:///"), plan, state, outDir)
      : inProcess(plan, state, outDir);
    // Awaited when the build is done; until then a failure must not be an unhandled rejection.
    made.result.catch(() => {});
    running = { ...made, groups };
    return running;
  };
  return {
    name: "appshelf-search-index",
    hooks: {
      "astro:config:done": ({ config }) => {
        outDir = fileURLToPath(config.outDir);
        workerFile = new URL("integrations/search-worker.ts", config.srcDir);
      },
      "astro:build:start": ({ setPrerenderer }) => {
        setPrerenderer((base) =>
          writeAppPages(
            base,
            outDir,
            (path, bytes) => {
              written += 1;
              start()?.feed.offer(path, bytes);
            },
            // Every route's pages and keys are known: Pagefind starts before the first page
            // renders, and so do the other integrations waiting for that (reuse-pages.ts).
            () => {
              start();
              pathsKnown();
            },
          ),
        );
      },
      "astro:build:done": async ({ dir, logger }) => {
        const began = performance.now();
        const site = fileURLToPath(dir);
        const run = start();
        if (!run)
          throw new Error("The catalog's page routes never recorded their pages, so there is nothing to index.");
        const built = JSON.stringify(appPagesByBundle(site));
        if (site !== outDir || built !== JSON.stringify(run.groups)) {
          await run.stop();
          throw new Error(
            `The search index was planned for other app pages than the build wrote in ${site}; the search index is not written.`,
          );
        }
        run.feed.allWritten(site);
        const report = await run.result;
        const seconds = ((performance.now() - began) / 1000).toFixed(1);
        const indexed = Object.entries(report.indexed)
          .map(([lang, n]) => `${n} ${lang}`)
          .join(", ");
        logger.info(
          `Wrote the ${written} app pages rendered (Astro lists them as "file not created"); Pagefind indexed ${indexed} into pagefind/ (${report.read} pages read, ${report.bundles.indexed} bundles indexed, ${report.bundles.reused} reused); ${seconds} s after the pages were written.`,
        );
      },
    },
  };
}

/** Pagefind fed from a worker thread (search-thread.ts): the main thread only copies each page's bytes over. */
function onThread(workerFile: URL, plan: BundlePlan[], state: ReuseState, outDir: string): Omit<Running, "groups"> {
  const thread = new SearchThread(workerFile, plan, state.reused, state.previousDir, outDir);
  return { feed: thread, result: thread.result, stop: () => thread.stop() };
}

/** Pagefind fed from this thread (APPSHELF_SITE_HELPERS=off). */
function inProcess(plan: BundlePlan[], state: ReuseState, outDir: string): Omit<Running, "groups"> {
  const wanted = plan.filter((b) => !b.reused).flatMap((b) => b.pages);
  const pages = new PageFeed(wanted, state.reused, state.previousDir);
  const decoder = new TextDecoder();
  const feed: PageSink = {
    offer: (path, bytes) => {
      if (pages.wants(path)) pages.offer(path, decoder.decode(bytes));
    },
    allWritten: (siteDir) => pages.allWritten(siteDir),
  };
  const result = runBundles(plan, pages, outDir, { previousDir: state.previousDir, atOnce: plan.length });
  return {
    feed,
    result,
    stop: async () => {
      await close();
    },
  };
}

/**
 * Astro's prerenderer, but that its app pages come in search bundle order (see
 * {@link inBundleOrder}) and that each app page it renders (status 200) is written here, to
 * its output path under `outDir` (e.g. `zh-CN/apps/harbor/index.html`), and its HTML (UTF-8
 * bytes) then given to `offer`, which may take their buffer; Astro is handed a response
 * without a body, so it writes nothing more for that page (it logs "file not created").
 * The page's bytes are thus copied neither back into a response for Astro nor to the
 * search thread: at 10,000 apps that is 20,000 pages of some 50 KB each. `planned` is
 * called once every route's static paths (and so every page's key) are known, before the
 * first page renders.
 *
 * @throws Error from the file system when a page cannot be written (the build fails)
 */
function writeAppPages(
  base: AstroPrerenderer,
  outDir: string,
  offer: (path: string, bytes: Uint8Array) => void,
  planned: () => void,
): AstroPrerenderer {
  return {
    ...base,
    name: `${base.name}+appshelf-search`,
    getStaticPaths: async () => {
      const paths = inBundleOrder(await base.getStaticPaths());
      planned();
      return paths;
    },
    render: async (request, options) => {
      const result = await base.render(request, options);
      const response = result instanceof Response ? result : result.response;
      const path = `${decodeURIComponent(new URL(request.url).pathname).replace(/^\//, "")}index.html`;
      if (response.status !== 200 || appPageId(path) === undefined || !response.body) return result;
      const bytes = new Uint8Array(await response.arrayBuffer());
      const file = join(outDir, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, bytes);
      offer(path, bytes);
      const empty = new Response(null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      });
      return result instanceof Response ? empty : { ...result, response: empty };
    },
  };
}

/** The output path of a page path in Astro's directory format: `/zh-CN/apps/harbor/` -> `zh-CN/apps/harbor/index.html`. */
function outputPathOf(pathname: string): string {
  const trimmed = pathname.replace(/^\/+|\/+$/g, "");
  return trimmed === "" ? "index.html" : `${trimmed}/index.html`;
}

/**
 * `paths` with the app pages (in the slots they hold) put in search bundle order: every page
 * of bundle 0 in path order (English, then the other languages), then bundle 1, and so on,
 * the order each bundle takes its pages in. Pagefind can then write each bundle's index as
 * soon as its last page is rendered, while the next bundles render, instead of all sixteen
 * at the end. Which pages are built, and their bytes, do not depend on the order. Paths are
 * left as they are if two of them would write the same app page.
 */
function inBundleOrder<T extends { pathname: string }>(paths: T[]): T[] {
  const slots: number[] = [];
  const byOutput = new Map<string, T>();
  paths.forEach((entry, i) => {
    const output = outputPathOf(entry.pathname);
    if (appPageId(output) === undefined) return;
    slots.push(i);
    byOutput.set(output, entry);
  });
  // Bundles as the search index plans them: from every app page of the build, reused ones too.
  const planned = handedOver<ReuseState>(PAGE_REUSE_GLOBAL)?.current;
  const ordered = groupByBundle(planned ? Object.keys(planned) : byOutput.keys())
    .flatMap(([, pages]) => pages)
    .filter((output) => byOutput.has(output));
  if (byOutput.size !== slots.length || ordered.length !== slots.length) return paths;
  const result = [...paths];
  ordered.forEach((output, k) => {
    const entry = byOutput.get(output);
    const slot = slots[k];
    if (entry !== undefined && slot !== undefined) result[slot] = entry;
  });
  return result;
}
