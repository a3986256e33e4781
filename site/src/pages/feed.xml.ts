import type { APIRoute } from "astro";
import { registryFeed } from "../lib/feeds.ts";
import { siteUrl } from "../lib/site-url.ts";

/** Atom feed of the registry's releases, in English. */
export const GET: APIRoute = ({ site }) =>
  new Response(registryFeed("en", siteUrl(site)), {
    headers: { "Content-Type": "application/atom+xml; charset=utf-8" },
  });
