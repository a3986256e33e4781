/**
 * The review gate's entry point in GitHub Actions (.github/workflows/review.yml and the
 * scheduled sweep in review-queue.yml): reads the inputs once, runs the gate for the
 * event's pull requests (`registry/src/github/run-review-gate.ts`: read the snapshot from
 * GitHub, decide with the pure `registry/src/review/decide.ts`, apply), and reports.
 * No policy lives here.
 *
 * Inputs (environment): GITHUB_EVENT_NAME, GITHUB_EVENT_PATH (the event payload),
 * GITHUB_REPOSITORY, GITHUB_API_URL (default https://api.github.com), APPSHELF_REVIEW_TOKEN
 * or GITHUB_TOKEN, GITHUB_STEP_SUMMARY (optional: the decisions go into the job summary).
 * Options: --dry-run (decide and list, change nothing), --pr <n> (judge this pull request
 * instead of the event's), --save-snapshot <dir> (write each snapshot as <dir>/pr-<n>.json,
 * replayable with `appshelf review-state`).
 * Exit code 1 when the gate could not decide (bad policy, unreadable team: the pull request's
 * appshelf/review is then set to failure with the reason) or GitHub refused a write.
 */
import { readFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { parseArgs } from "node:util";
import { setFailed, summary } from "@actions/core";
import {
  createOctokit,
  type GateRun,
  parseRepoRef,
  type ReviewTarget,
  runReviewGateFor,
  targetOfEvent,
} from "../registry/src/api.ts";

interface GateInputs {
  repository: string;
  target: ReviewTarget;
  token: string | undefined;
  apiUrl: string;
  dryRun: boolean;
  saveSnapshot: string | undefined;
}

async function readInputs(): Promise<GateInputs> {
  const { values } = parseArgs({
    options: {
      "dry-run": { type: "boolean", default: false },
      pr: { type: "string" },
      "save-snapshot": { type: "string" },
    },
  });
  const repository = process.env.GITHUB_REPOSITORY;
  if (!repository) throw new Error("GITHUB_REPOSITORY is not set");
  let target: ReviewTarget;
  if (values.pr !== undefined) {
    if (!/^[1-9]\d*$/.test(values.pr)) throw new Error(`--pr must be a pull request number, not '${values.pr}'`);
    target = { kind: "pull-request", number: Number(values.pr), readOnly: false };
  } else {
    const eventPath = process.env.GITHUB_EVENT_PATH;
    const payload: unknown = eventPath ? JSON.parse(await readFile(eventPath, "utf8")) : {};
    target = targetOfEvent(process.env.GITHUB_EVENT_NAME ?? "", payload);
  }
  return {
    repository,
    target,
    token: process.env.APPSHELF_REVIEW_TOKEN || process.env.GITHUB_TOKEN || undefined,
    apiUrl: process.env.GITHUB_API_URL || "https://api.github.com",
    dryRun: values["dry-run"] === true,
    saveSnapshot: values["save-snapshot"],
  };
}

function report(run: GateRun): string {
  const d = run.decision;
  const head = d
    ? `${d.state}${d.stage ? ` (stage ${d.stage.index}/${d.stage.count}: ${d.stage.title})` : ""}`
    : `could not decide: ${run.error ?? "unknown error"}`;
  const lines = [`#${run.number}: ${head}${run.dryRun ? " [dry run: nothing changed]" : ""}`];
  for (const a of run.applied) lines.push(`  ${a.request}: ${a.summary}${a.failed ? ` (refused: ${a.failed})` : ""}`);
  if (run.applied.length === 0) lines.push("  nothing to change");
  return lines.join("\n");
}

try {
  const inputs = await readInputs();
  if (inputs.target.kind === "skip") {
    console.log(`review gate: nothing to do (${inputs.target.reason})`);
  } else {
    const octokit = createOctokit({ ...(inputs.token ? { token: inputs.token } : {}), baseUrl: inputs.apiUrl });
    const runs = await runReviewGateFor(
      { octokit, repo: parseRepoRef(inputs.repository), now: new Date(), dryRun: inputs.dryRun },
      inputs.target,
    );
    for (const run of runs) {
      console.log(report(run));
      if (inputs.saveSnapshot && run.snapshot) {
        await mkdir(inputs.saveSnapshot, { recursive: true });
        await writeFile(
          path.join(inputs.saveSnapshot, `pr-${run.number}.json`),
          `${JSON.stringify(run.snapshot, null, 2)}\n`,
        );
      }
    }
    if (process.env.GITHUB_STEP_SUMMARY) {
      for (const run of runs)
        summary.addRaw(
          run.decision?.comment ?? `#${run.number}: the review gate could not decide: ${run.error ?? ""}`,
          true,
        );
      await summary.write();
    }
    const failed = runs.filter((r) => r.error !== undefined);
    if (failed.length > 0)
      setFailed(
        `review gate: could not decide ${failed.map((r) => `#${r.number} (${r.error ?? ""})`).join(", ")}; appshelf/review was set to failure`,
      );
  }
} catch (error) {
  setFailed(`review gate: ${(error as Error).message}`);
}
