/**
 * Worker thread of integrations/search-thread.ts: builds the search index (search-index.ts
 * `runBundles`, with the Pagefind process it starts) from pages the main thread hands over
 * while Astro renders them, so encoding and sending some 20,000 pages to Pagefind (a tenth
 * of the main thread at 10,000 apps) runs on the other core. `workerData` is a
 * {@link SearchJob}; messages in are {@link SearchMessage}s; the one message out is
 * `{ report }` (SearchIndexReport) or `{ error }` (its message); the thread then ends by itself once
 * Pagefind's process has exited (so that process is waited for, and its CPU time counted).
 */
import type { ChildProcess } from "node:child_process";
import { channel } from "node:diagnostics_channel";
import { once } from "node:events";
import { parentPort, workerData } from "node:worker_threads";
import { type BundlePlan, runBundles } from "./search-index.ts";
import { PageFeed } from "./search-pages.ts";

/** What the worker is started with: the plan and where pages come from and go. */
export interface SearchJob {
  plan: BundlePlan[];
  /** Output paths of the app pages to index (those of the bundles not reused). */
  wanted: string[];
  /** Those of them copied from `previousDir` instead of rendered. */
  reused: string[];
  previousDir?: string | undefined;
  outDir: string;
}

/** Pages' HTML (UTF-8 bytes) by output path, in the order rendered, or: every page is written in `siteDir`. */
export type SearchMessage = { pages: { path: string; bytes: Uint8Array }[] } | { allWritten: string };

/** Processes this thread started (Pagefind's), seen through Node's `child_process` diagnostics channel. */
const started: ChildProcess[] = [];
channel("child_process").subscribe((message) => started.push((message as { process: ChildProcess }).process));

/** Resolves once `child` has exited and been waited for (Pagefind leaves its process unref'd: this keeps the thread until then). */
async function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.ref();
  await once(child, "exit");
}

function run(job: SearchJob): void {
  const feed = new PageFeed(job.wanted, job.reused, job.previousDir);
  const decoder = new TextDecoder();
  parentPort?.on("message", (message: SearchMessage) => {
    try {
      if ("allWritten" in message) feed.allWritten(message.allWritten);
      else for (const page of message.pages) feed.offer(page.path, decoder.decode(page.bytes));
    } catch (cause) {
      parentPort?.postMessage({ error: (cause as Error).message });
    }
  });
  runBundles(job.plan, feed, job.outDir, { previousDir: job.previousDir, atOnce: job.plan.length })
    .then(
      (report) => parentPort?.postMessage({ report }),
      (cause: Error) => parentPort?.postMessage({ error: cause.message }),
    )
    // Ends once Pagefind's process, closed by runBundles, has exited and been waited for.
    .finally(async () => {
      await Promise.all(started.map(exited));
      parentPort?.unref();
    });
}

if (parentPort) run(workerData as SearchJob);
