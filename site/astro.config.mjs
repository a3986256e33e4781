// Astro config for the Appshelf catalog: a static site built from the generated index only.
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { defineConfig } from "astro/config";
import { reusePages, siteBuildKey } from "./src/integrations/reuse-pages.ts";
import { searchIndex } from "./src/integrations/search-index.ts";

// Telemetry is never needed; the env var is also honoured for events sent later in the run.
process.env.ASTRO_TELEMETRY_DISABLED ??= "1";

const siteDir = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(siteDir, "..");

/** Folder holding index.json: APPSHELF_INDEX_DIR, else <repo>/dist. */
const indexDir = resolve(repoRoot, process.env.APPSHELF_INDEX_DIR || "dist");
/** Output folder: APPSHELF_SITE_OUT (used by tests), else <repo>/dist/site. */
const outDir = resolve(repoRoot, process.env.APPSHELF_SITE_OUT || "dist/site");

export default defineConfig({
  root: siteDir,
  srcDir: resolve(siteDir, "src"),
  publicDir: resolve(siteDir, "public"),
  outDir,
  cacheDir: resolve(repoRoot, "node_modules/.astro/site"),
  site: process.env.APPSHELF_SITE_URL || "http://localhost:4321",
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "never" },
  devToolbar: { enabled: false },
  prefetch: false,
  // Unchanged pages are copied from APPSHELF_SITE_PREVIOUS (src/lib/page-reuse.ts), then
  // Pagefind indexes the built pages for search (pagefind/ in the output).
  integrations: [reusePages(), searchIndex()],
  vite: {
    cacheDir: resolve(repoRoot, "node_modules/.vite/site"),
    // Never inline a script or asset into a page: the Content-Security-Policy forbids inline scripts.
    build: { assetsInlineLimit: 0 },
    define: {
      __APPSHELF_INDEX_DIR__: JSON.stringify(indexDir),
      __APPSHELF_SITE_BUILD_KEY__: JSON.stringify(siteBuildKey(siteDir, process.env.APPSHELF_SITE_URL || "")),
    },
  },
});
