import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { bundleCount, bundleOf, SEARCH_BUNDLES_FILE } from "../../site/src/lib/search-bundles.ts";

/** Outcome of comparing two publishes' outputs. */
export interface OutputComparison {
  /** True when every file outside what the change may touch is byte-identical (and none appeared or vanished). */
  ok: boolean;
  detail: string;
}

/**
 * Compares two built sites file by file after a change to app `appId`. What the change may
 * touch: the app's own files (page, feed, shard, icon), the signed top files and the
 * catalog, the native-name table (names.json: it names the source commit), the bins, the Helm index, the ledger, the page-key record, the search index
 * bundle holding the app and the list of bundles (pagefind/bundles.json), and the listing pages that show every app (home, categories, publishers,
 * feeds, sitemap, the search page's catalog search-catalog.json). Everything else must be byte-identical so CDNs and clients keep their caches.
 */
export async function compareOutputs(before: string, after: string, appId: string): Promise<OutputComparison> {
  const [a, b] = await Promise.all([list(before), list(after)]);
  const apps = new Set([...b].flatMap((file) => /^apps\/([^/]+)\/index\.html$/.exec(file)?.[1] ?? []));
  // The search index: only the list of bundles and the bundle of the changed app (site/src/lib/search-bundles.ts).
  const bundle = `pagefind/${bundleOf(appId, bundleCount(apps.size))}/`;
  const mayChange = (file: string) => {
    const parts = file.split("/");
    const rest = parts[0] === "zh-CN" ? parts.slice(1) : parts;
    const top = rest[0] ?? "";
    return (
      file === SEARCH_BUNDLES_FILE ||
      file.startsWith(bundle) ||
      parts.includes(appId) ||
      file === `apps/${appId}.json` ||
      file.startsWith(`icons/${appId}.`) ||
      [
        "index.json",
        "index.json.sig",
        "catalog.json",
        "ledger.json",
        "names.json",
        ".appshelf-pages.json",
        "sitemap.xml",
        "feed.xml",
        "index.html",
        "search-catalog.json",
      ].includes(rest.join("/")) ||
      ["bins", "helm", "categories", "publishers"].includes(top)
    );
  };
  let identical = 0;
  const changed: string[] = [];
  for (const file of b) {
    if (!a.has(file)) {
      changed.push(file);
      continue;
    }
    const [x, y] = await Promise.all([readFile(path.join(before, file)), readFile(path.join(after, file))]);
    if (x.equals(y)) identical++;
    else changed.push(file);
  }
  const gone = [...a].filter((file) => !b.has(file));
  const untouchedChanged = [...changed, ...gone].filter((file) => !mayChange(file));
  const pagefind = changed.filter((f) => f.startsWith("pagefind/")).length;
  const detail =
    `${b.size} output files: ${identical} byte-identical, ${changed.length} new or changed (${pagefind} in pagefind/, ${changed.length - pagefind} others: ${changed
      .filter((f) => !f.startsWith("pagefind/"))
      .slice(0, 12)
      .join(" ")}${changed.length - pagefind > 12 ? " ..." : ""}), ${gone.length} gone; ` +
    (untouchedChanged.length === 0
      ? "every untouched file byte-identical"
      : `${untouchedChanged.length} untouched files differ: ${untouchedChanged.slice(0, 5).join(" ")}`);
  return { ok: untouchedChanged.length === 0, detail };
}

async function list(dir: string): Promise<Set<string>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return new Set(entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name))));
}
