import type { APIRoute, GetStaticPaths } from "astro";
import { loadIndex } from "../lib/load-index.ts";

/**
 * Serves the registry index at the site root, byte for byte and in the same layout as
 * `dist/`: /index.json and its detached signature /index.json.sig, /catalog.json,
 * /bins/<prefix>.json, /apps/<id>.json, /icons/..., /artifacts/..., /helm/index.yaml (every
 * file index.json pins, directly or through the catalog, bins and shards, each verified
 * against its digest when loaded), so the site is the static host runtimes pull from
 * (`appshelf pull --registry <site>`) and `helm repo add <name> <site>/helm` works.
 */
export const getStaticPaths = (() =>
  [...loadIndex().files.keys()].map((path) => ({ params: { path } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const bytes = loadIndex().files.get(params.path ?? "");
  if (!bytes) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(bytes));
};
