import type { APIRoute, GetStaticPaths } from "astro";
import { registryFeed } from "../../lib/feeds.ts";
import { langPaths } from "../../lib/routes.ts";
import { siteUrl } from "../../lib/site-url.ts";

export const getStaticPaths = (() => langPaths()) satisfies GetStaticPaths;

/** Atom feed of the registry's releases in another language. */
export const GET: APIRoute = ({ props, site }) =>
  new Response(registryFeed(String(props.lang), siteUrl(site)), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
