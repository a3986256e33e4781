import { createHash } from "node:crypto";
import { copyFileSync, linkSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
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
 * Puts the previous build's file `source` at `target`, byte for byte: a hard link when the
 * file system allows one (no bytes copied: at 10,000 apps a republish reuses some 60,000
 * files), else a copy. Built files are never written again once the build is done, so the
 * two folders sharing them is safe; a tool that edits a built site in place must copy it first.
 *
 * @throws Error from the file system other than "links not possible here"
 */
export function reuseFile(source: string, target: string): void {
  try {
    linkSync(source, target);
  } catch (cause) {
    if (!LINK_REFUSED.has((cause as NodeJS.ErrnoException).code ?? "")) throw cause;
    copyFileSync(source, target);
  }
}

/** Errors meaning "no hard link here" (another file system, links not supported or not allowed, too many links). */
const LINK_REFUSED = new Set(["EXDEV", "EPERM", "EMLINK", "ENOTSUP", "EOPNOTSUPP", "ENOSYS"]);

/**
 * Astro integration, before the search index: puts the pages the build reused from the
 * previous build (byte for byte, {@link reuseFile}) into the output and writes the record
 * of every page's key ({@link PAGES_RECORD}) for the next build.
 */
export function reusePages(): AstroIntegration {
  return {
    name: "appshelf-reuse-pages",
    hooks: {
      "astro:build:done": ({ dir, logger }) => {
        const state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
        if (!state) return;
        const out = fileURLToPath(dir);
        const made = new Set<string>();
        for (const path of state.reused) {
          const target = join(out, path);
          const folder = dirname(target);
          if (!made.has(folder)) mkdirSync(folder, { recursive: true });
          made.add(folder);
          reuseFile(join(state.previousDir ?? "", path), target);
        }
        const record: PagesRecord = {
          buildKey: state.buildKey,
          pages: sortedByKey(state.current),
          ...(state.indexFiles ? { indexFiles: sortedByKey(state.indexFiles) } : {}),
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

/** `record` with its keys in code unit order (the record's bytes do not depend on the order things were done in). */
function sortedByKey(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
