import type { APIRoute } from "astro";
import { searchCatalog } from "../lib/search-catalog.ts";

/** Listed apps in every language, for the search page's fallback (see lib/search-catalog.ts). */
export const GET: APIRoute = () =>
  new Response(JSON.stringify(searchCatalog()), { headers: { "Content-Type": "application/json; charset=utf-8" } });
