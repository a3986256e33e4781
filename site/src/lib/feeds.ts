import { pick, t } from "./i18n.ts";
import { renderMarkdown } from "./markdown.ts";
import { releases, shardOf, type Release } from "./catalog.ts";
import { buildAtomFeed, type Feed, type FeedEntry } from "./feed.ts";
import { appFeedHref, appHref, feedHref, homeHref } from "./urls.ts";
import type { AppEntry, LanguageTag } from "./types.ts";

/** How many releases the registry feed holds (newest first). */
export const REGISTRY_FEED_SIZE = 100;

/** The Atom feed of releases of every listed app. */
export function registryFeed(lang: LanguageTag, site: URL): string {
  const abs = (path: string) => new URL(path, site).href;
  return buildAtomFeed({
    id: abs(feedHref()),
    title: t("feed.title", lang),
    subtitle: t("site.tagline", lang),
    lang,
    self: abs(feedHref(lang)),
    page: abs(homeHref(lang)),
    entries: releases()
      .slice(0, REGISTRY_FEED_SIZE)
      .map((r) => entryOf(r, lang, site)),
  });
}

/** The Atom feed of one app's releases (suspended versions left out). */
export function appFeed(app: AppEntry, lang: LanguageTag, site: URL): string {
  return buildAtomFeed(appFeedData(app, lang, site));
}

/** What {@link appFeed} writes as XML: the feed of one app's releases as data (plain values, so another thread can write it). */
export function appFeedData(app: AppEntry, lang: LanguageTag, site: URL): Feed {
  const abs = (path: string) => new URL(path, site).href;
  const name = pick(app.name, lang);
  return {
    id: abs(appFeedHref(app.id)),
    title: t("feed.app.title", lang, { name }),
    subtitle: pick(app.summary, lang),
    lang,
    self: abs(appFeedHref(app.id, lang)),
    page: abs(appHref(app.id, lang)),
    entries: releases(app.id).map((r) => entryOf(r, lang, site)),
  };
}

/** The id of a version's card on its app page, also its feed entry's fragment. */
export function versionAnchor(delivery: string, version: string): string {
  return `${delivery}-${version}`;
}

function entryOf({ app, version: v }: Release, lang: LanguageTag, site: URL): FeedEntry {
  const anchor = `#${encodeURIComponent(versionAnchor(v.delivery, v.version))}`;
  const name = pick(app.name, lang);
  return {
    id: new URL(appHref(app.id) + anchor, site).href,
    title: t("feed.entry.title", lang, { name, version: v.version, delivery: t(`delivery.${v.delivery}`, lang) }),
    link: new URL(appHref(app.id, lang) + anchor, site).href,
    date: v.released,
    author: app.publisher.name,
    summary: pick(app.summary, lang),
    ...(v.changelog ? { html: renderMarkdown(pick(v.changelog, lang)) } : {}),
    categories: [...app.categories, v.delivery],
  };
}

/** Whether an app has a feed: listed apps only (suspended ones are absent from feeds). */
export function hasFeed(app: AppEntry): boolean {
  return app.status === "active" && shardOf(app.id).status === "active";
}
