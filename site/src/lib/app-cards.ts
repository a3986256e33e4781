import { shardOf } from "./catalog.ts";
import { appDownloads } from "./stats.ts";
import type { AppEntry } from "./types.ts";

/** What an app card shows beyond the app's catalog entry. */
export interface AppCardData {
  app: AppEntry;
  /** Downloads of all of the app's artifacts, when known. */
  downloads: number | undefined;
  /** A line under the summary, e.g. "updated 27 May 2026". */
  note: string | undefined;
}

/** The cards of `apps` for a page's grid, with an optional note per app (components/AppGrid.astro renders them). */
export function appCards(apps: readonly AppEntry[], noteOf?: (app: AppEntry) => string | undefined): AppCardData[] {
  return apps.map((app) => ({ app, downloads: appDownloads(shardOf(app.id)), note: noteOf?.(app) }));
}
