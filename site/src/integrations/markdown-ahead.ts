import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { MessageChannel, type MessagePort, Worker } from "node:worker_threads";
import type { AstroIntegration } from "astro";
import { handOver, MARKDOWN_INBOX_GLOBAL, PAGES_RECORD, type PagesRecord, withdraw } from "../lib/handover.ts";
import { helperThreadsOn } from "./helper-threads.ts";
import type { MarkdownJob } from "./markdown-worker.ts";

/**
 * Astro integration: renders the manifest Markdown of every app (descriptions and
 * changelogs: some 40% of the main thread's page rendering at 10,000 apps) on a worker
 * thread (markdown-worker.ts) while Vite bundles the site and the pages render. The worker
 * posts each text's HTML on a port ({@link MARKDOWN_INBOX_GLOBAL}) that lib/markdown.ts
 * reads synchronously when a page needs a text it has not taken in yet (the event loop
 * barely turns while pages render, so a message listener here would hear nothing in
 * time: lib/markdown-inbox.ts). Both run the
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
  /** Where the worker posts what it rendered; lib/markdown.ts takes it in when a page needs a text not yet taken. */
  let inbox: MessagePort | undefined;
  return {
    name: "appshelf-markdown-ahead",
    hooks: {
      "astro:config:done": ({ config }) => {
        workerFile = new URL("integrations/markdown-worker.ts", config.srcDir);
      },
      "astro:build:start": ({ logger }) => {
        if (!helperThreadsOn() || reusesPages(process.env.APPSHELF_SITE_PREVIOUS, buildKey)) return;
        const { port1, port2 } = new MessageChannel();
        worker = new Worker(workerFile ?? "", {
          workerData: { indexDir, port: port2 } satisfies MarkdownJob,
          transferList: [port2],
        });
        worker.unref();
        worker.on("error", (cause) =>
          logger.warn(`Markdown is rendered by the pages alone: its worker thread failed (${cause.message}).`),
        );
        inbox = port1;
        withdraw(MARKDOWN_INBOX_GLOBAL);
        handOver(MARKDOWN_INBOX_GLOBAL, port1);
      },
      "astro:build:done": async () => {
        withdraw(MARKDOWN_INBOX_GLOBAL);
        inbox?.close();
        inbox = undefined;
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
