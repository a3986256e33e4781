// Astro config for the Appshelf catalog: a static site built from the generated index only.
import { fileURLToPath } from "node:url";
import { resolve } from "node:path";
import { defineConfig } from "astro/config";
import { appFeeds } from "./src/integrations/app-feeds.ts";
import { markdownAhead } from "./src/integrations/markdown-ahead.ts";
import { reusePages, siteBuildKey } from "./src/integrations/reuse-pages.ts";
import { searchIndex } from "./src/integrations/search-integration.ts";
import { serveIndexFiles } from "./src/integrations/serve-index-files.ts";
import { localSiteWarning, resolveSiteUrl } from "./src/lib/site-url.ts";

// Telemetry is never needed; the env var is also honoured for events sent later in the run.
process.env.ASTRO_TELEMETRY_DISABLED ??= "1";

const siteDir = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = resolve(siteDir, "..");

// The engine's schema checks (trusted keys, queue.json) find schema/ through this once bundled.
process.env.APPSHELF_SCHEMA_DIR ??= resolve(repoRoot, "schema");

/** Folder holding index.json: APPSHELF_INDEX_DIR, else <repo>/dist. */
const indexDir = resolve(repoRoot, process.env.APPSHELF_INDEX_DIR || "dist");
/** The site URL: a publishing build (APPSHELF_PUBLISH=1) refuses to run without one; a local build says so loudly. */
const site = resolveSiteUrl(process.env);
if (site.local) console.warn(`\n*** ${localSiteWarning(site.url)} ***\n`);
/** The review queue for /queue/: APPSHELF_QUEUE, else queue.json beside index.json (when present). */
const queueFile = resolve(repoRoot, process.env.APPSHELF_QUEUE || resolve(indexDir, "queue.json"));
/** Keys index.json.sig is checked against for the trust panel: APPSHELF_TRUSTED_KEYS, else the client's trusted keys. */
const trustedKeys = resolve(repoRoot, process.env.APPSHELF_TRUSTED_KEYS || "registry/keys/trusted-keys.json");
/** The build key of page reuse (src/lib/page-reuse.ts): the site's and engine's sources, locked dependencies, site URL. */
const buildKey = siteBuildKey(siteDir, process.env.APPSHELF_SITE_URL || "");
/** Output folder: APPSHELF_SITE_OUT (used by tests), else <repo>/dist/site. */
const outDir = resolve(repoRoot, process.env.APPSHELF_SITE_OUT || "dist/site");

export default defineConfig({
  root: siteDir,
  srcDir: resolve(siteDir, "src"),
  publicDir: resolve(siteDir, "public"),
  outDir,
  cacheDir: resolve(repoRoot, "node_modules/.astro/site"),
  site: site.url,
  output: "static",
  trailingSlash: "always",
  build: { format: "directory", inlineStylesheets: "never", concurrency: 4 },
  devToolbar: { enabled: false },
  prefetch: false,
  // Markdown is rendered ahead on a worker thread while Vite bundles and the pages render.
  // The index files are written at the site root, then the app feeds, unchanged pages and
  // feeds are copied from APPSHELF_SITE_PREVIOUS (src/lib/page-reuse.ts), then Pagefind
  // indexes the built pages for search (pagefind/ in the output).
  integrations: [markdownAhead(indexDir, buildKey), serveIndexFiles(), appFeeds(), reusePages(), searchIndex()],
  vite: {
    cacheDir: resolve(repoRoot, "node_modules/.vite/site"),
    // Never inline a script or asset into a page: the Content-Security-Policy forbids inline scripts.
    build: { assetsInlineLimit: 0 },
    define: {
      __APPSHELF_INDEX_DIR__: JSON.stringify(indexDir),
      __APPSHELF_TRUSTED_KEYS__: JSON.stringify(trustedKeys),
      __APPSHELF_QUEUE__: JSON.stringify(queueFile),
      __APPSHELF_SITE_BUILD_KEY__: JSON.stringify(buildKey),
    },
  },
});
