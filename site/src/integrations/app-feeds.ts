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
 * site URL of the config. This thread builds each feed's data; a worker thread
 * (feed-writer-worker.ts) turns it into XML and writes the file, so the XML building (most
 * of the cost at 10,000 apps) runs on the other core.
 *
 * @throws Error when no app page route offered the writer, or the writer thread failed (the build fails).
 */
export function appFeeds(): AstroIntegration {
  let site: URL | undefined;
  let workerFile: URL | undefined;
  return {
    name: "appshelf-app-feeds",
    hooks: {
      "astro:config:done": ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
        workerFile = new URL("integrations/feed-writer-worker.ts", config.srcDir);
      },
      "astro:build:done": async ({ dir, logger }) => {
        const write = handedOver<AppFeedsWriter>(APP_FEEDS_GLOBAL);
        if (!write)
          throw new Error(
            "No app page route offered the app feeds writer (lib/app-feeds.ts), so no app feed was written.",
          );
        const worker = new Worker(workerFile ?? "");
        try {
          const failed = new Promise<never>((_, reject) => {
            worker.once("error", (cause) => reject(new Error(`The app feeds were not all written: ${cause.message}`)));
            worker.once("exit", (code) => reject(new Error(`The app feed writer thread stopped (exit code ${code}).`)));
          });
          failed.catch(() => {});
          let batch: { file: string; feed: unknown }[] = [];
          const report = write(fileURLToPath(dir), siteUrl(site), (file, feed) => {
            batch.push({ file, feed });
            if (batch.length >= FEEDS_PER_MESSAGE) {
              worker.postMessage(batch);
              batch = [];
            }
          });
          worker.postMessage(batch);
          worker.postMessage(null);
          const written = await Promise.race([
            new Promise<number>((resolve) => worker.once("message", resolve)),
            failed,
          ]);
          if (written !== report.written)
            throw new Error(`The app feed writer wrote ${written} feeds of ${report.written}.`);
          logger.info(`Wrote ${report.written} app feeds; ${report.reused} unchanged ones are reused.`);
        } finally {
          await worker.terminate();
        }
      },
    },
  };
}
