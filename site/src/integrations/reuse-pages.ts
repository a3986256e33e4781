import { createHash } from "node:crypto";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { AstroIntegration } from "astro";
import {
  handedOver,
  PAGE_REUSE_GLOBAL,
  PAGES_RECORD,
  type PagesRecord,
  type ReuseState,
  whenPathsKnown,
} from "../lib/handover.ts";
import { helperThreadsOn } from "./helper-threads.ts";
import { reuseFiles } from "./reuse-file.ts";

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
 * Astro integration, before the search index: puts the pages and feeds the build reused
 * from the previous build into the output, byte for byte (reuse-file.ts: hard links), and
 * writes the record of every page's key ({@link PAGES_RECORD}) for the next build. The
 * reused files are placed by a worker thread (reuse-worker.ts): the pages as soon as the
 * static paths are known (lib/handover.ts `whenPathsKnown`), while the other pages render,
 * and the feeds at `astro:build:generated`, once the app feeds integration (before this one)
 * has decided which it reuses; at 10,000 apps a republish links some 40,000 files. Anything
 * reused later, or every file with APPSHELF_SITE_HELPERS=off, is placed here at
 * `astro:build:done`, which waits for the worker.
 *
 * @throws Error (failing the build) when a reused file cannot be placed
 */
export function reusePages(): AstroIntegration {
  let workerFile: URL | undefined;
  let outDir = "";
  let placer: Placer | undefined;
  /** Hands the reused files not yet sent to the worker (started on first use). */
  const sendReused = () => {
    const state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
    if (!state?.previousDir || !helperThreadsOn()) return;
    placer ??= startPlacer(workerFile ?? "", state.previousDir, outDir);
    placer.send(state.reused.slice(placer.sent));
  };
  return {
    name: "appshelf-reuse-pages",
    hooks: {
      "astro:config:done": ({ config }) => {
        workerFile = new URL("integrations/reuse-worker.ts", config.srcDir);
        outDir = fileURLToPath(config.outDir);
      },
      "astro:build:start": () => whenPathsKnown(sendReused),
      "astro:build:generated": sendReused,
      "astro:build:done": async ({ dir, logger }) => {
        const state = handedOver<ReuseState>(PAGE_REUSE_GLOBAL);
        if (!state) return;
        const out = fileURLToPath(dir);
        if (placer && out !== outDir) throw new Error(`The reused pages were placed in ${outDir}, not in ${out}.`);
        const sent = placer?.sent ?? 0;
        if (state.reused.length > sent) reuseFiles(state.previousDir ?? "", out, state.reused.slice(sent));
        const placed = await placer?.done();
        if (placer && placed !== sent)
          throw new Error(`The reuse thread placed ${placed} files of the ${sent} reused from ${state.previousDir}.`);
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

/** The worker placing reused files (reuse-worker.ts), as this thread sees it. */
interface Placer {
  /** Files sent so far. */
  readonly sent: number;
  /** Sends `paths` (output paths) to be placed. */
  send(paths: string[]): void;
  /** Says nothing more comes; resolves to the number the worker placed. @throws Error when the worker failed or stopped without answering */
  done(): Promise<number>;
}

function startPlacer(workerFile: URL | string, previousDir: string, outDir: string): Placer {
  const worker = new Worker(workerFile, { workerData: { previousDir, outDir } });
  const placed = new Promise<number>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", (cause) => reject(new Error(`The reused pages were not all placed: ${cause.message}`)));
    worker.once("exit", (code) => reject(new Error(`The reuse thread stopped (exit code ${code}).`)));
  });
  // Awaited at astro:build:done; until then a failure must not be an unhandled rejection.
  placed.catch(() => {});
  let sent = 0;
  return {
    get sent() {
      return sent;
    },
    send(paths) {
      if (paths.length === 0) return;
      worker.postMessage(paths);
      sent += paths.length;
    },
    async done() {
      worker.postMessage(null);
      try {
        return await placed;
      } finally {
        await worker.terminate();
      }
    },
  };
}

/** `record` with its keys in code unit order (the record's bytes do not depend on the order things were done in). */
function sortedByKey(record: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : 1)));
}
