import { Worker } from "node:worker_threads";
import type { BundlePlan, SearchIndexReport } from "./search-index.ts";
import type { SearchJob, SearchMessage } from "./search-worker.ts";

/** How long the worker may take to end after its report (ms) before it is stopped. */
const ENDING_MS = 10_000;

/** Pages sent to the worker in one message: each message wakes the worker, so one per page cost both threads more. */
const PAGES_PER_MESSAGE = 16;

/**
 * Longest a handed-over page waits for its message to fill (ms): the worker indexes each
 * bundle's pages strictly in order, so a page held here holds up the whole bundle. (A timer
 * fires only when this thread's event loop turns: Astro's own writes of other pages do.)
 */
const PENDING_MS = 20;

/**
 * The search index built on a worker thread (search-worker.ts) from the pages this thread
 * hands over: the same `runBundles` over the same pages in the same order as on this
 * thread, so the same bytes (site/test/helper-threads-checks.ts compares both ways).
 */
export class SearchThread {
  /** The report, or the worker's error (Pagefind's messages, a page the build did not write). */
  readonly result: Promise<SearchIndexReport>;
  readonly #worker: Worker;
  readonly #wanted: ReadonlySet<string>;
  /** Pages handed over and not yet sent. */
  #pending: { path: string; bytes: Uint8Array }[] = [];
  /** Sends {@link #pending} {@link PENDING_MS} after its first page, if it has not filled by then. */
  #pendingTimer: NodeJS.Timeout | undefined;
  /** Pages of the index this build renders (wanted, not reused): once all are handed over, nothing more will come before {@link allWritten}. */
  #toRender: number;

  /**
   * @param workerFile URL of search-worker.ts
   * @param plan every bundle and whether it is reused (search-index.ts `planBundles`)
   * @param reused output paths of pages copied from `previousDir`
   */
  constructor(
    workerFile: URL,
    plan: BundlePlan[],
    reused: readonly string[],
    previousDir: string | undefined,
    outDir: string,
  ) {
    const wanted = plan.filter((b) => !b.reused).flatMap((b) => b.pages);
    this.#wanted = new Set(wanted);
    const job: SearchJob = {
      plan,
      wanted,
      reused: reused.filter((path) => this.#wanted.has(path)),
      previousDir,
      outDir,
    };
    this.#toRender = this.#wanted.size - job.reused.length;
    this.#worker = new Worker(workerFile, { workerData: job });
    const ended = new Promise<void>((resolve) => this.#worker.once("exit", () => resolve()));
    this.result = new Promise<SearchIndexReport>((resolve, reject) => {
      this.#worker.on("message", (answer: { report?: SearchIndexReport; error?: string }) => {
        if (answer.report) resolve(answer.report);
        else reject(new Error(`The search index was not built: ${answer.error}`));
      });
      this.#worker.once("error", (cause) => reject(new Error(`The search index was not built: ${cause.message}`)));
      this.#worker.once("exit", (code) => reject(new Error(`The search index thread stopped (exit code ${code}).`)));
    }).finally(async () => {
      // The thread ends by itself once Pagefind's process is gone; it is stopped if that takes long.
      const late = setTimeout(() => this.#worker.terminate(), ENDING_MS);
      await ended;
      clearTimeout(late);
    });
  }

  /**
   * Hands over the HTML (UTF-8 bytes) of the page at `path`, if the index wants it; pages go
   * to the worker {@link PAGES_PER_MESSAGE} at a time, their buffers moved (not copied) when
   * the bytes span all of it, so the caller must not use them after. A smaller batch goes
   * when it holds the last page this build renders for the index, or {@link PENDING_MS}
   * after its first page: a republish renders two or three app pages, and the worker must
   * not wait for the end of the build to index their bundle.
   */
  offer(path: string, bytes: Uint8Array): void {
    if (!this.#wanted.has(path)) return;
    this.#pending.push({ path, bytes });
    this.#toRender -= 1;
    if (this.#pending.length >= PAGES_PER_MESSAGE || this.#toRender <= 0) this.#flush();
    else this.#pendingTimer ??= setTimeout(() => this.#flush(), PENDING_MS).unref();
  }

  /** Says every page is written in `siteDir` (after the pages still pending): pages not handed over are read from there. */
  allWritten(siteDir: string): void {
    this.#flush();
    this.#worker.postMessage({ allWritten: siteDir } satisfies SearchMessage);
  }

  /** Stops the worker and its Pagefind process, writing nothing more. */
  async stop(): Promise<void> {
    clearTimeout(this.#pendingTimer);
    await this.#worker.terminate();
  }

  #flush(): void {
    clearTimeout(this.#pendingTimer);
    this.#pendingTimer = undefined;
    if (this.#pending.length === 0) return;
    const pages = this.#pending;
    this.#pending = [];
    const moved = pages.flatMap(({ bytes }) =>
      bytes.byteOffset === 0 && bytes.buffer instanceof ArrayBuffer && bytes.byteLength === bytes.buffer.byteLength
        ? [bytes.buffer]
        : [],
    );
    this.#worker.postMessage({ pages } satisfies SearchMessage, moved);
  }
}
