import type { APIRoute, GetStaticPaths } from "astro";
import { loadIndex } from "../../lib/load-index.ts";

/**
 * Serves the registry index beside the site, byte for byte: /index/index.json,
 * /index/apps/<id>.json, /index/icons/..., /index/artifacts/... (every file
 * index.json names, each verified against its digest when loaded).
 */
export const getStaticPaths = (() =>
  [...loadIndex().files.keys()].map((path) => ({ params: { path } }))) satisfies GetStaticPaths;

export const GET: APIRoute = ({ params }) => {
  const bytes = loadIndex().files.get(params.path ?? "");
  if (!bytes) return new Response(null, { status: 404 });
  return new Response(new Uint8Array(bytes));
};
