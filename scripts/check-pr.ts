/**
 * The pull-request check's entry point in GitHub Actions (.github/workflows/pull-request.yml):
 * reads the inputs once, runs the check (`registry/src/check-pr/check-pull-request.ts`:
 * Git facts, validation of the touched apps, the pure `pr/decide-pr.ts`), and reports:
 * the text report on stdout, annotations on file, line and column, the job summary, and
 * the result as JSON for the review gate. No policy lives here.
 *
 * Inputs: the `pull_request` event payload (GITHUB_EVENT_PATH) gives the base commit, the
 * author's login and the pull request's number; --base, --author and --pr override them
 * (runs outside a pull_request event). GITHUB_STEP_SUMMARY (optional): the job summary.
 * Options: --result <file> (the result as JSON), --root <dir> (default .), --mirror <dir>
 * (repeatable), --offline, --require-artifacts, --admin <login> (repeatable), --previous
 * <url-or-dir> (the live registry: the names other apps hold come from its signed name
 * table, checked against --trusted-keys, default registry/keys/trusted-keys.json).
 * Exit code 1 when the pull request has errors or the check could not run.
 */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { setFailed } from "@actions/core";
import {
  annotateDiagnostics,
  checkPrInputs,
  checkPullRequest,
  defaultCacheDir,
  defaultManifestCacheDir,
  formatPrText,
  readTrustedKeys,
  writePrSummary,
  type CheckPrInputs,
} from "../registry/src/api.ts";

/** The fields of a `pull_request` event payload read here. */
interface PullRequestEvent {
  pull_request?: { number?: number; base?: { sha?: string }; user?: { login?: string } };
}

async function readInputs(): Promise<{ inputs: CheckPrInputs; result: string | undefined }> {
  const { values } = parseArgs({
    options: {
      base: { type: "string" },
      author: { type: "string" },
      pr: { type: "string" },
      admin: { type: "string", multiple: true, default: [] },
      result: { type: "string" },
      root: { type: "string", default: "." },
      mirror: { type: "string", multiple: true, default: [] },
      offline: { type: "boolean", default: false },
      "require-artifacts": { type: "boolean", default: false },
      previous: { type: "string" },
      "trusted-keys": { type: "string", default: "registry/keys/trusted-keys.json" },
    },
  });
  const eventPath = process.env.GITHUB_EVENT_PATH;
  const event = (eventPath ? JSON.parse(await readFile(eventPath, "utf8")) : {}) as PullRequestEvent;
  const pr = event.pull_request;
  const base = values.base ?? pr?.base?.sha;
  if (base === undefined)
    throw new Error("no base commit: run on a pull_request event (GITHUB_EVENT_PATH) or give --base");
  const author = values.author ?? pr?.user?.login;
  const pullRequest = values.pr ?? pr?.number;
  const inputs = checkPrInputs({
    base,
    ...(author !== undefined ? { author } : {}),
    admins: values.admin,
    ...(pullRequest !== undefined ? { pullRequest } : {}),
    validate: {
      root: path.resolve(values.root),
      mirrors: values.mirror,
      offline: values.offline,
      requireArtifacts: values["require-artifacts"],
      cacheDir: defaultCacheDir(),
      manifestCacheDir: defaultManifestCacheDir(),
    },
    ...(values.previous !== undefined
      ? { previous: { location: values.previous, trustedKeys: await readTrustedKeys(values["trusted-keys"]) } }
      : {}),
  });
  return { inputs, result: values.result };
}

try {
  const { inputs, result: resultFile } = await readInputs();
  const result = await checkPullRequest(inputs);
  console.log(formatPrText(result));
  if (resultFile !== undefined) await writeFile(resultFile, `${JSON.stringify(result, null, 2)}\n`);
  annotateDiagnostics(result.diagnostics);
  if (process.env.GITHUB_STEP_SUMMARY) await writePrSummary(result);
  if (!result.ok) process.exitCode = 1;
} catch (error) {
  setFailed(`check-pr: ${(error as Error).message}`);
}
