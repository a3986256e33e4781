import { createHash } from "node:crypto";
import { linkSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { handedOver, INDEX_FILES_GLOBAL, PAGE_REUSE_GLOBAL, type ReuseState } from "../lib/handover.ts";
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
 * A file whose SHA-256 is the one the previous build (APPSHELF_SITE_PREVIOUS, when page
 * reuse accepted it: lib/page-reuse.ts) recorded for the same path is that build's file
 * hard-linked, as reused pages are (after a one-app change at 10,000 apps, all but a few of
 * some 15,000 files); otherwise, or when the link fails (no such file, links refused), the
 * bytes are written. Each file's digest goes into this build's record for the next one.
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
        const reuse = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
        const previous = reuse?.previousDir ? reuse.previous?.indexFiles : undefined;
        const digests: Record<string, string> = {};
        const made = new Set<string>();
        let linked = 0;
        for (const [path, bytes] of files) {
          const target = resolveIndexPath(out, path);
          const folder = dirname(target);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          const digest = createHash("sha256").update(bytes).digest("hex");
          digests[path] = digest;
          if (previous?.[path] === digest && linkPrevious(resolveIndexPath(reuse?.previousDir ?? "", path), target))
            linked += 1;
          else writeFileSync(target, bytes);
        }
        if (reuse) reuse.indexFiles = digests;
        logger.info(
          `Wrote ${files.size} index files at the site root (${linked} of them linked from the previous build, unchanged).`,
        );
      },
    },
  };
}

/** Hard-links `source` at `target`; false when that is not possible (the caller then writes the bytes it has). */
function linkPrevious(source: string, target: string): boolean {
  try {
    linkSync(source, target);
    return true;
  } catch {
    return false;
  }
}
