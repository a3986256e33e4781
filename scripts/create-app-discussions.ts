/**
 * Gives every published app one GitHub Discussion (where people rate it with 👍/👎 and
 * comment) and records its number in the stats file (default .github/appshelf/downloads.json),
 * which the index build publishes as stats.json. Run by .github/workflows/discussions.yml
 * after apps are merged; idempotent (see registry/src/github/ensure-app-discussions.ts).
 *
 * Inputs: GITHUB_TOKEN (needs discussions: write), GITHUB_API_URL, --repository owner/name
 * (default GITHUB_REPOSITORY), --category (default "Apps"), --site (catalog URL for links,
 * default APPSHELF_SITE_URL), --root, --out.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import {
  createOctokit,
  discussedAppsOf,
  type DownloadStats,
  ensureAppDiscussions,
  loadRegistry,
  makeDownloadStats,
  parseDownloadStats,
  parseRepoRef,
} from "../registry/src/api.ts";

const { values } = parseArgs({
  options: {
    root: { type: "string", default: "." },
    out: { type: "string", default: ".github/appshelf/downloads.json" },
    repository: { type: "string", default: process.env.GITHUB_REPOSITORY ?? "" },
    category: { type: "string", default: "Apps" },
    site: { type: "string", default: process.env.APPSHELF_SITE_URL ?? "" },
  },
});
if (!values.repository) throw new Error("no repository: pass --repository owner/name or set GITHUB_REPOSITORY");
const root = path.resolve(values.root);
const out = path.resolve(root, values.out);
const previous = await readStats(out);
const registry = await loadRegistry(root);
const apps = discussedAppsOf(registry);
const octokit = createOctokit({
  ...(process.env.GITHUB_TOKEN ? { token: process.env.GITHUB_TOKEN } : {}),
  ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
});
const result = await ensureAppDiscussions({
  octokit,
  repo: parseRepoRef(values.repository),
  category: values.category,
  apps,
  recorded: previous?.discussions ?? {},
  ...(values.site ? { siteUrl: values.site } : {}),
});
if (result.created.length + result.found.length > 0) {
  const stats = makeDownloadStats(
    previous?.downloads ?? {},
    previous ? new Date(previous.generated) : new Date(),
    result.discussions,
  );
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(stats, null, 2)}\n`);
}
console.log(
  `Discussions: ${result.created.length} created (${result.created.join(", ") || "none"}), ${result.found.length} found by marker, ${Object.keys(result.discussions).length} recorded in ${path.relative(root, out)}.`,
);

async function readStats(file: string): Promise<DownloadStats | undefined> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch {
    return undefined;
  }
  return parseDownloadStats(JSON.parse(text), path.relative(root, file));
}
