import { activeApps, categories } from "./catalog.ts";
import { UI_LANGS } from "./i18n.ts";
import { publishers } from "./publishers.ts";
import type { SitemapPage } from "./sitemap.ts";
import { appHref, categoriesHref, categoryHref, homeHref, publisherHref, publishersHref, searchHref } from "./urls.ts";
import type { LanguageTag } from "./types.ts";

/** Every listed page of the catalog in every language: what the sitemap holds. Suspended apps are left out. */
export function sitemapPages(site: URL): SitemapPage[] {
  const page = (pathFor: (lang: LanguageTag) => string, lastmod?: string): SitemapPage => ({
    urls: Object.fromEntries(UI_LANGS.map((lang) => [lang, new URL(pathFor(lang), site).href])),
    ...(lastmod ? { lastmod } : {}),
  });
  const apps = activeApps("en");
  const newest =
    apps
      .map((a) => a.updated ?? "")
      .sort()
      .at(-1) || undefined;
  return [
    page(homeHref, newest),
    page(searchHref),
    page(categoriesHref),
    ...categories().map((c) => page((lang) => categoryHref(c.id, lang))),
    page(publishersHref),
    ...publishers("en")
      .filter((p) => p.apps.some((a) => a.status === "active"))
      .map((p) => page((lang) => publisherHref(p.slug, lang))),
    ...apps.map((a) => page((lang) => appHref(a.id, lang), a.updated)),
  ];
}
