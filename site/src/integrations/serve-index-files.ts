import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { handedOver, INDEX_FILES_GLOBAL } from "../lib/handover.ts";
import { resolveIndexPath } from "../lib/index-files.ts";

/**
 * Astro integration, first of the build-done hooks: writes every file of the registry index
 * (index.json and its signature, catalog.json, bins, shards, icons, registry-kept artifacts,
 * the Helm index, the ledger, the Nextcloud API files) at the site root, byte for byte and
 * in the same layout as `dist/`, so the site is the static host runtimes pull from
 * (`appshelf pull --registry <site>`) and `helm repo add <name> <site>/helm` works.
 *
 * The bytes are the ones lib/load-index.ts read and checked against their digests when the
 * pages loaded the index (handed over on globalThis: the pages and the integrations are
 * separate module graphs of one process). Written here rather than as a route: a route per
 * file costs Astro's whole render pipeline (request, response, stream) for a plain copy,
 * about a quarter of all routes at 10,000 apps.
 *
 * @throws Error when the pages never loaded the index (nothing to serve), or a path leaves the output folder.
 */
export function serveIndexFiles(): AstroIntegration {
  return {
    name: "appshelf-index-files",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const files = handedOver<Map<string, Buffer>>(INDEX_FILES_GLOBAL);
        if (!files)
          throw new Error("The catalog's pages never loaded the registry index, so there are no index files to serve.");
        const out = fileURLToPath(dir);
        for (const [path, bytes] of files) {
          const target = resolveIndexPath(out, path);
          mkdirSync(dirname(target), { recursive: true });
          writeFileSync(target, bytes);
        }
        logger.info(`Wrote ${files.size} index files at the site root.`);
      },
    },
  };
}
