/**
 * Builds the catalog (`npm run build:site`) atomically: Astro writes into a temporary
 * sibling of the output folder (APPSHELF_SITE_OUT, else dist/site), which replaces the old
 * folder only when the build succeeded. A failed build (a description the renderer
 * refuses, an Astro error) leaves the previous site untouched and no partial folder.
 * Inputs: the environment Astro's config reads (APPSHELF_INDEX_DIR, APPSHELF_SITE_URL).
 * Exit code 1 on failure.
 */
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "astro";
import { writeFolderAtomically } from "../../registry/src/site-api.ts";

const siteDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const outDir = path.resolve(siteDir, "..", process.env.APPSHELF_SITE_OUT || "dist/site");
process.env.ASTRO_TELEMETRY_DISABLED ??= "1";

try {
  await writeFolderAtomically(outDir, async (staging) => {
    process.env.APPSHELF_SITE_OUT = staging;
    await build({ root: siteDir, logLevel: "warn" });
  });
  console.log(`catalog written to ${path.relative(process.cwd(), outDir) || "."}`);
} catch (cause) {
  console.error(`the catalog was not built, and the previous one is left as it was: ${(cause as Error).message}`);
  process.exit(1);
}
