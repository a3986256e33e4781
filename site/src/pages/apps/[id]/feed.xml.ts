import type { APIRoute, GetStaticPaths } from "astro";
import { allApps } from "../../../lib/catalog.ts";
import { mustRender, pageKey } from "../../../lib/page-reuse.ts";
import { appFeed, hasFeed } from "../../../lib/feeds.ts";
import { siteUrl } from "../../../lib/site-url.ts";
import type { AppEntry } from "../../../lib/types.ts";

/** One Atom feed per listed app; suspended apps have none. */
export const getStaticPaths = (() =>
  allApps("en")
    .filter((app) => hasFeed(app) && mustRender(`apps/${app.id}/feed.xml`, pageKey(["feed", "en", app])))
    .map((app) => ({ params: { id: app.id }, props: { app } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ props, site }) =>
  new Response(appFeed(props.app as AppEntry, "en", siteUrl(site)), { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
