import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { APP_FEEDS_GLOBAL, handedOver, type AppFeedsWriter } from "../lib/handover.ts";
import { siteUrl } from "../lib/site-url.ts";

/**
 * Astro integration, before page reuse: writes the Atom feed of every listed app in every
 * language with the writer the app page routes handed over (lib/app-feeds.ts), for the
 * site URL of the config.
 *
 * @throws Error when no app page route offered the writer.
 */
export function appFeeds(): AstroIntegration {
  let site: URL | undefined;
  return {
    name: "appshelf-app-feeds",
    hooks: {
      "astro:config:done": ({ config }) => {
        site = config.site ? new URL(config.site) : undefined;
      },
      "astro:build:done": ({ dir, logger }) => {
        const write = handedOver<AppFeedsWriter>(APP_FEEDS_GLOBAL);
        if (!write)
          throw new Error(
            "No app page route offered the app feeds writer (lib/app-feeds.ts), so no app feed was written.",
          );
        const report = write(fileURLToPath(dir), siteUrl(site));
        logger.info(`Wrote ${report.written} app feeds; ${report.reused} unchanged ones are reused.`);
      },
    },
  };
}
