/**
 * Reads GitHub Releases download counts of the registry's artifacts into the stats file
 * (default .github/appshelf/downloads.json) that the index build publishes as stats.json. Run by
 * .github/workflows/stats.yml; locally: `node scripts/read-download-stats.ts [--out file]`.
 *
 * Inputs: GITHUB_TOKEN (optional, raises the API rate limit), GITHUB_API_URL (GitHub's API
 * by default; the Actions runner sets it), --root (registry root), --out (stats file),
 * --repository owner/name (default GITHUB_REPOSITORY, set by the runner): the repository whose
 * app discussions (recorded in the stats file) get their 👍/👎 and comment counts read again,
 * --release-assets owner/name and --host-artifacts (as the publish workflow builds): the
 * release assets of hosted copies are counted too.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { Octokit } from "octokit";
import { collectDownloadStats, formatDiagnostic, parseReleaseRepository, parseRepoRef } from "../registry/src/api.ts";

const { values } = parseArgs({
  options: {
    root: { type: "string", default: "." },
    out: { type: "string", default: ".github/appshelf/downloads.json" },
    repository: { type: "string", default: process.env.GITHUB_REPOSITORY ?? "" },
    "release-assets": { type: "string" },
    "host-artifacts": { type: "boolean", default: false },
  },
});
const root = path.resolve(values.root);
const out = path.resolve(root, values.out);
const octokit = new Octokit({
  ...(process.env.GITHUB_TOKEN ? { auth: process.env.GITHUB_TOKEN } : {}),
  baseUrl: process.env.GITHUB_API_URL || "https://api.github.com",
  userAgent: "appshelf-download-stats",
});

const discussionsRepo = values.repository ? parseRepoRef(values.repository) : undefined;
const releaseAssets = values["release-assets"] ? parseReleaseRepository(values["release-assets"]) : undefined;
const hosting = releaseAssets ? { releaseAssets, hostArtifacts: values["host-artifacts"] } : undefined;
const result = await collectDownloadStats({
  root,
  previousFile: out,
  octokit,
  now: new Date(),
  ...(discussionsRepo ? { discussionsRepo } : {}),
  ...(hosting ? { hosting } : {}),
});
for (const d of result.diagnostics) console.log(formatDiagnostic(d));
if (result.changed) {
  await mkdir(path.dirname(out), { recursive: true });
  await writeFile(out, `${JSON.stringify(result.stats, null, 2)}\n`);
}
const discussions = Object.keys(result.stats.discussions ?? {}).length;
console.log(
  `${result.artifacts} GitHub Releases artifacts and ${discussions} app discussions counted; ${path.relative(root, out)} ${result.changed ? "written" : "unchanged"}.`,
);
