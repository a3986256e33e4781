/**
 * Uploads the hosted copies `appshelf build --release-assets` wrote (a folder of
 * `<tag>/<asset>` files and release-assets.json) as GitHub Release assets, one release per
 * app; assets already there with the same bytes are skipped, never replaced; one with other
 * bytes stops the run before anything is uploaded. Run by .github/workflows/publish.yml
 * before the site is deployed, so every release-asset URL the index publishes serves its digest.
 *
 * Inputs: --dir (the folder), --repository owner/name (default GITHUB_REPOSITORY),
 * GITHUB_TOKEN (contents: write), GITHUB_API_URL (GitHub's API by default).
 */
import { parseArgs } from "node:util";
import { setFailed } from "@actions/core";
import { createOctokit, parseRepoRef, uploadReleaseAssets } from "../registry/src/api.ts";

const { values } = parseArgs({
  options: { dir: { type: "string" }, repository: { type: "string", default: process.env.GITHUB_REPOSITORY ?? "" } },
});
try {
  if (!values.dir) throw new Error("--dir <folder written by appshelf build --release-assets-out> is required");
  const octokit = createOctokit({
    ...(process.env.GITHUB_TOKEN ? { token: process.env.GITHUB_TOKEN } : {}),
    ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
  });
  const result = await uploadReleaseAssets(octokit, parseRepoRef(values.repository), values.dir);
  console.log(
    `Release assets: ${result.uploaded.length} uploaded, ${result.skipped.length} already there with the same bytes, ${result.created.length} releases created.`,
  );
  for (const name of result.uploaded) console.log(`  uploaded ${name}`);
} catch (error) {
  setFailed((error as Error).message);
}
