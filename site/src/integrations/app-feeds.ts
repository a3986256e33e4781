import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AstroIntegration } from "astro";
import { APP_FEEDS_GLOBAL, handedOver, type AppFeedsWriter } from "../lib/handover.ts";
import { siteUrl } from "../lib/site-url.ts";

/** Feeds sent to the writer thread in one message. */
const FEEDS_PER_MESSAGE = 64;

/**
 * Astro integration, before page reuse: writes the Atom feed of every listed app in every
 * language with the writer the app page routes handed over (lib/app-feeds.ts), for the
 * site URL of the config. This thread builds each feed's data once the pages are rendered
 * (`astro:build:generated`); a worker thread (feed-writer-worker.ts) turns it into XML and
 * writes the files while this thread goes on with the other integrations' work (the index
 * files); the build waits for it at `astro:build:done`.
 *
 * @throws Error when no app page route offered the writer, or the writer thread failed (the build fails).
 */
export function appFeeds(): AstroIntegration {
  let site: URL | undefined;
  let workerFile: URL | undefined;
  let writing: Promise<string> | undefined;
  return {
    name: "appshelf-app-feeds",
    hooks: {
      "astro:config:done": ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
        workerFile = new URL("integrations/feed-writer-worker.ts", config.srcDir);
      },
      "astro:build:generated": ({ dir }) => {
        const write = handedOver<AppFeedsWriter>(APP_FEEDS_GLOBAL);
        if (!write)
          throw new Error(
            "No app page route offered the app feeds writer (lib/app-feeds.ts), so no app feed was written.",
          );
        writing = writeOnThread(workerFile ?? "", write, fileURLToPath(dir), siteUrl(site));
        // Awaited at astro:build:done; until then a failure must not be an unhandled rejection.
        writing.catch(() => {});
      },
      "astro:build:done": async ({ logger }) => {
        if (!writing)
          throw new Error("The app feeds were never started (no astro:build:generated), so none was written.");
        logger.info(await writing);
      },
    },
  };
}

/**
 * Builds each feed's data with `write` on this thread and has a worker write the XML files;
 * resolves to what was done once the worker has written them all (it then ends by itself).
 *
 * @throws Error when the worker failed or wrote another number of feeds than were built
 */
async function writeOnThread(
  workerFile: URL | string,
  write: AppFeedsWriter,
  outDir: string,
  site: URL,
): Promise<string> {
  const worker = new Worker(workerFile);
  try {
    const failed = new Promise<never>((_, reject) => {
      worker.once("error", (cause) => reject(new Error(`The app feeds were not all written: ${cause.message}`)));
      worker.once("exit", (code) => reject(new Error(`The app feed writer thread stopped (exit code ${code}).`)));
    });
    failed.catch(() => {});
    let batch: { file: string; feed: unknown }[] = [];
    const report = write(outDir, site, (file, feed) => {
      batch.push({ file, feed });
      if (batch.length >= FEEDS_PER_MESSAGE) {
        worker.postMessage(batch);
        batch = [];
      }
    });
    worker.postMessage(batch);
    worker.postMessage(null);
    const written = await Promise.race([new Promise<number>((resolve) => worker.once("message", resolve)), failed]);
    if (written !== report.written) throw new Error(`The app feed writer wrote ${written} feeds of ${report.written}.`);
    return `Wrote ${report.written} app feeds; ${report.reused} unchanged ones are reused.`;
  } finally {
    await worker.terminate();
  }
}
