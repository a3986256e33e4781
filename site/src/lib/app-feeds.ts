import { join } from "node:path";
import { allApps } from "./catalog.ts";
import { appFeedData, hasFeed } from "./feeds.ts";
import { DEFAULT_LANG, UI_LANGS } from "./i18n.ts";
import { APP_FEEDS_GLOBAL, handOver, type AppFeedsReport, type AppFeedsWriter } from "./handover.ts";
import { mustRender, pageKey } from "./page-reuse.ts";

/**
 * Hands the app feeds writer to the integration; called by the app page routes. The feeds
 * are plain Atom documents built from the index (lib/feeds.ts), so they are written
 * directly instead of through one Astro route each: at 10,000 apps, two languages, a route
 * per feed cost a third of all routes for no template.
 */
export function offerAppFeeds(): void {
  handOver(APP_FEEDS_GLOBAL, writeAppFeeds);
}

/**
 * The Atom feed of each listed app in each language, at `apps/<id>/feed.xml` (English) and
 * `<lang>/apps/<id>/feed.xml`. A feed whose key (lib/page-reuse.ts) is unchanged since the
 * previous build is not built: the reuse integration copies it.
 */
export const writeAppFeeds: AppFeedsWriter = (outDir, site, write) => {
  const report: AppFeedsReport = { written: 0, reused: 0 };
  for (const lang of UI_LANGS) {
    for (const app of allApps(lang)) {
      if (!hasFeed(app)) continue;
      const path = `${lang === DEFAULT_LANG ? "" : `${lang}/`}apps/${app.id}/feed.xml`;
      if (!mustRender(path, pageKey(["feed", lang, app]))) {
        report.reused += 1;
        continue;
      }
      write(join(outDir, path), appFeedData(app, lang, site));
      report.written += 1;
    }
  }
  return report;
};
