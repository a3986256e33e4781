import type { APIRoute, GetStaticPaths } from "astro";
import { allApps } from "../../../../lib/catalog.ts";
import { mustRender, pageKey } from "../../../../lib/page-reuse.ts";
import { appFeed, hasFeed } from "../../../../lib/feeds.ts";
import { prefixedPaths } from "../../../../lib/routes.ts";
import { siteUrl } from "../../../../lib/site-url.ts";
import type { AppEntry } from "../../../../lib/types.ts";

export const getStaticPaths = (() =>
  prefixedPaths((lang) =>
    allApps(lang)
      .filter((app) => hasFeed(app) && mustRender(`${lang}/apps/${app.id}/feed.xml`, pageKey(["feed", lang, app])))
      .map((app) => ({ params: { id: app.id }, props: { app } })))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(appFeed(props.app as AppEntry, String(props.lang), siteUrl(site)), { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
