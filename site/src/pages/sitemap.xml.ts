import type { APIRoute } from "astro";
import { buildSitemap } from "../lib/sitemap.ts";
import { sitemapPages } from "../lib/site-pages.ts";
import { siteUrl } from "../lib/site-url.ts";

/** Every listed page in every language, with hreflang alternates. */
export const GET: APIRoute = ({ site }) =>
  new Response(buildSitemap(sitemapPages(siteUrl(site))), {
    headers: { "Content-Type": "application/xml; charset=utf-8" },
  });
