import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { AstroIntegration } from "astro";
import { handOver, MARKDOWN_GLOBAL, MARKDOWN_KEPT, PAGES_RECORD, type PagesRecord } from "../lib/handover.ts";
import { helperThreadsOn } from "./helper-threads.ts";

/**
 * Astro integration: renders the manifest Markdown of every app (descriptions and
 * changelogs: some 40% of the main thread's page rendering at 10,000 apps) on a worker
 * thread (markdown-worker.ts) while Vite bundles the site and the pages render, and puts
 * each text's HTML where lib/markdown.ts looks first ({@link MARKDOWN_GLOBAL}). Both run the
 * same pure function on the same text, so a page is the same whether its HTML came from
 * the worker or not; a text the worker has not reached yet is rendered by the page itself.
 * The worker reads the shards in `indexDir` without checking them: an entry is only used
 * for a page whose own (checked) text is exactly its key. A failing worker only costs time
 * (a warning); it never fails the build. Off with APPSHELF_SITE_HELPERS=off, and when the
 * previous build (APPSHELF_SITE_PREVIOUS) has this `buildKey`: its unchanged pages are then
 * reused, and the few pages rendered render their own Markdown.
 */
export function markdownAhead(indexDir: string, buildKey: string): AstroIntegration {
  let worker: Worker | undefined;
  let workerFile: URL | undefined;
  return {
    name: "appshelf-markdown-ahead",
    hooks: {
      "astro:config:done": ({ config }) => {
        workerFile = new URL("integrations/markdown-worker.ts", config.srcDir);
      },
      "astro:build:start": ({ logger }) => {
        if (!helperThreadsOn() || reusesPages(process.env.APPSHELF_SITE_PREVIOUS, buildKey)) return;
        const rendered = handOver(MARKDOWN_GLOBAL, new Map<string, string>());
        const began = performance.now();
        let received = 0;
        worker = new Worker(workerFile ?? "", { workerData: { indexDir } });
        worker.unref();
        worker.on("message", (pairs: [string, string][] | null) => {
          if (pairs === null) {
            logger.info(
              `Rendered ${received} Markdown texts ahead on a worker thread in ${((performance.now() - began) / 1000).toFixed(1)} s.`,
            );
            return;
          }
          received += pairs.length;
          for (const [markdown, html] of pairs) if (rendered.size < MARKDOWN_KEPT) rendered.set(markdown, html);
        });
        worker.on("error", (cause) =>
          logger.warn(`Markdown is rendered by the pages alone: its worker thread failed (${cause.message}).`),
        );
      },
      "astro:build:done": async () => {
        await worker?.terminate();
        worker = undefined;
      },
    },
  };
}

/** Whether the previous build in `previousDir` was made with `buildKey`, so that its unchanged pages are reused (lib/page-reuse.ts). */
function reusesPages(previousDir: string | undefined, buildKey: string): boolean {
  const record = previousDir ? join(previousDir, PAGES_RECORD) : undefined;
  if (!record || !existsSync(record)) return false;
  try {
    return (JSON.parse(readFileSync(record, "utf8")) as PagesRecord).buildKey === buildKey;
  } catch {
    return false;
  }
}
