import { buildXml } from "./xml.ts";

/** One page of the sitemap: its URL in each language (hreflang alternates) and last change. */
export interface SitemapPage {
  /** Absolute URL by language tag; the first is the page's `<loc>` for every language's entry. */
  urls: Record<string, string>;
  /** YYYY-MM-DD, when known. */
  lastmod?: string;
}

/**
 * A sitemap (sitemaps.org 0.9) with one `<url>` per page and language, each listing every
 * language version as `xhtml:link rel="alternate" hreflang` as search engines document.
 */
export function buildSitemap(pages: readonly SitemapPage[]): string {
  const url = pages.flatMap((page) => {
    const alternates = Object.entries(page.urls).map(([lang, href]) => ({
      "@_rel": "alternate",
      "@_hreflang": lang,
      "@_href": href,
    }));
    return Object.values(page.urls).map((loc) => ({
      loc,
      ...(page.lastmod ? { lastmod: page.lastmod } : {}),
      "xhtml:link": alternates,
    }));
  });
  return buildXml({
    urlset: {
      "@_xmlns": "http://www.sitemaps.org/schemas/sitemap/0.9",
      "@_xmlns:xhtml": "http://www.w3.org/1999/xhtml",
      url,
    },
  });
}
