/**
 * Reads GitHub Releases download counts of the registry's artifacts into the stats file
 * (default .github/appshelf/downloads.json) that the index build publishes as stats.json. Run by
 * .github/workflows/stats.yml; locally: `node scripts/read-download-stats.ts [--out file]`.
 *
 * Inputs: GITHUB_TOKEN (optional, raises the API rate limit), GITHUB_API_URL (GitHub's API
 * by default; the Actions runner sets it), --root (registry root), --out (stats file).
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { Octokit } from "octokit";
import { collectDownloadStats } from "../registry/src/github/collect-download-stats.ts";
import { formatDiagnostic } from "../registry/src/report/format-text.ts";

const { values } = parseArgs({ options: { root: { type: "string", default: "." }, out: { type: "string", default: ".github/appshelf/downloads.json" } } });
const root = path.resolve(values.root);
const out = path.resolve(root, values.out);
const octokit = new Octokit({
  ...(process.env.GITHUB_TOKEN ? { auth: process.env.GITHUB_TOKEN } : {}),
  baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
  userAgent: "appshelf-download-stats",
});

const result = await collectDownloadStats({ root, previousFile: out, octokit, now: new Date() });
for (const d of result.diagnostics) console.log(formatDiagnostic(d));
if (result.changed) {
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result.stats, null, 2)}\n`);
}
console.log(`${result.artifacts} GitHub Releases artifacts counted; ${path.relative(root, out)} ${result.changed ? "written" : "unchanged"}.`);
