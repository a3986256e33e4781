import { createHash } from "node:crypto";
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import type { AstroIntegration } from "astro";
import { handedOver, PAGE_REUSE_GLOBAL, PAGES_RECORD, type PagesRecord, type ReuseState } from "../lib/handover.ts";

/**
 * The build key of incremental catalog builds (see lib/page-reuse.ts): 16 hex digits of a
 * hash of the site's sources (site/ without its tests), the engine's sources it imports
 * (registry/src), the locked dependency versions, the Node version and `extra` (the site
 * URL). Any change renders every page again.
 */
export function siteBuildKey(siteDir: string, extra: string): string {
  const roots = [
    join(siteDir, "src"),
    join(siteDir, "public"),
    join(siteDir, "astro.config.mjs"),
    join(siteDir, "../registry/src"),
    join(siteDir, "../package-lock.json"),
  ];
  const hash = createHash("sha256").update(process.version).update("\0").update(extra);
  for (const file of roots.flatMap(listFiles).sort())
    hash.update(`\0${relative(siteDir, file)}\0`).update(readFileSync(file));
  return hash.digest("hex").slice(0, 16);
}

function listFiles(entry: string): string[] {
  try {
    return readdirSync(entry, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith(".test.ts"))
      .map((e) => join(e.parentPath, e.name));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOTDIR") return [entry];
    throw cause;
  }
}

/**
 * Astro integration, before the search index: copies the pages the build reused from the
 * previous build (byte for byte) into the output and writes the record of every page's key
 * ({@link PAGES_RECORD}) for the next build.
 */
export function reusePages(): AstroIntegration {
  return {
    name: "appshelf-reuse-pages",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
        if (!state) return;
        const out = fileURLToPath(dir);
        for (const path of state.reused) {
          const target = join(out, path);
          mkdirSync(dirname(target), { recursive: true });
          copyFileSync(join(state.previousDir ?? "", path), target);
        }
        const record: PagesRecord = {
          buildKey: state.buildKey,
          pages: Object.fromEntries(Object.entries(state.current).sort(([a], [b]) => (a < b ? -1 : 1))),
        };
        writeFileSync(join(out, PAGES_RECORD), `${JSON.stringify(record)}\n`);
        const rendered = Object.keys(state.current).length - state.reused.length;
        logger.info(
          state.previousDir
            ? `Reused ${state.reused.length} unchanged pages from ${state.previousDir}; rendered ${rendered}.`
            : `Rendered all ${rendered} keyed pages (no previous build with this build key).`,
        );
      },
    },
  };
}
