/**
 * Expiry watch: checks the live index.json's expiry and fails loudly (a failed job, an
 * error annotation, the job summary, and one issue opened or updated) when fewer than 4
 * days remain and the latest publish run did not succeed. Run daily by
 * .github/workflows/expiry-watch.yml; locally: `node scripts/expiry-watch.ts --registry <url-or-dir>`.
 *
 * Inputs: --registry (default $PAGES_URL), --trusted-keys (default registry/keys/trusted-keys.json),
 * GITHUB_TOKEN + GITHUB_REPOSITORY (to read the publish runs and write the issue; without
 * them the watch only reports), GITHUB_API_URL (set by the runner).
 */
import * as core from "@actions/core";
import { parseArgs } from "node:util";
import { createOctokit, parseRepoRef, readTrustedKeys, watchExpiry } from "../registry/src/api.ts";

const { values } = parseArgs({
  options: {
    registry: { type: "string" },
    "trusted-keys": { type: "string", default: "registry/keys/trusted-keys.json" },
  },
});
const location = values.registry ?? process.env.PAGES_URL;
if (!location) throw new Error("name the live registry with --registry <url> or PAGES_URL");
const token = process.env.GITHUB_TOKEN;
const repository = process.env.GITHUB_REPOSITORY;
const github =
  token && repository
    ? {
        octokit: createOctokit({
          token,
          ...(process.env.GITHUB_API_URL ? { baseUrl: process.env.GITHUB_API_URL } : {}),
        }),
        repo: parseRepoRef(repository),
        publishWorkflow: "publish.yml",
      }
    : undefined;

try {
  const outcome = await watchExpiry({
    location,
    trustedKeys: await readTrustedKeys(values["trusted-keys"]),
    now: new Date(),
    ...(github ? { github } : {}),
  });
  console.log(outcome.title);
  if (process.env.GITHUB_STEP_SUMMARY)
    await core.summary.addHeading(outcome.title, 2).addRaw(outcome.body, true).write();
  if (outcome.alert)
    core.setFailed(
      `${outcome.title}${outcome.issue ? ` (issue #${outcome.issue.number} ${outcome.issue.created ? "opened" : "updated"})` : ""}`,
    );
} catch (cause) {
  core.setFailed(`expiry watch could not check ${location}: ${(cause as Error).message}`);
}
