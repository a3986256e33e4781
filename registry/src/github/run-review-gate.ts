import type { Octokit } from "octokit";
import { decide } from "../review/decide.ts";
import type { ReviewDecision } from "../review/review-decision.ts";
import type { ReviewSnapshot } from "../review/review-snapshot.ts";
import { applyReviewActions, type AppliedAction } from "./apply-review-actions.ts";
import type { RepoRef } from "./create-octokit.ts";
import { readReviewSnapshot } from "./read-review-snapshot.ts";
import type { ReviewTarget } from "./review-event.ts";

/** What the gate did for one pull request. */
export interface GateRun {
  number: number;
  snapshot: ReviewSnapshot;
  decision: ReviewDecision;
  /** The changes made (listed only, when dry). */
  applied: AppliedAction[];
  dryRun: boolean;
}

/** Inputs of one gate run, read once by the entry point. */
export interface GateOptions {
  octokit: Octokit;
  repo: RepoRef;
  /** The clock, passed in (review time targets). */
  now: Date;
  /** Decide and list the actions, change nothing. */
  dryRun: boolean;
}

/**
 * The review gate for one pull request: read the snapshot (`read-review-snapshot.ts`),
 * `decide` (pure), apply the actions (`apply-review-actions.ts`). Closed pull requests are
 * left alone. Re-running on an unchanged pull request changes nothing.
 */
export async function runReviewGate(options: GateOptions, number: number): Promise<GateRun | undefined> {
  const gathered = await readReviewSnapshot(options.octokit, options.repo, number, options.now);
  if (gathered.closed) return undefined;
  const decision = decide(gathered.snapshot, gathered.policy);
  const applied = await applyReviewActions(options.octokit, options.repo, gathered.snapshot, decision, options.dryRun);
  return { number, snapshot: gathered.snapshot, decision, applied, dryRun: options.dryRun };
}

/**
 * Runs the gate for an event's target ({@link ReviewTarget}): one pull request, the open
 * pull requests from a head (`GET /repos/{o}/{r}/pulls?head=owner:branch`, matching the
 * head SHA), or every open pull request. A read-only target is judged as a dry run.
 */
export async function runReviewGateFor(options: GateOptions, target: ReviewTarget): Promise<GateRun[]> {
  const numbers = await pullRequestsOf(options, target);
  const runs: GateRun[] = [];
  const dryRun = options.dryRun || (target.kind === "pull-request" && target.readOnly);
  for (const number of numbers) {
    const run = await runReviewGate({ ...options, dryRun }, number);
    if (run) runs.push(run);
  }
  return runs;
}

async function pullRequestsOf(options: GateOptions, target: ReviewTarget): Promise<number[]> {
  const { octokit, repo } = options;
  switch (target.kind) {
    case "skip":
      return [];
    case "pull-request":
      return [target.number];
    case "head": {
      const open = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", head: `${target.owner}:${target.branch}`, per_page: 100 });
      return open.filter((pr) => pr.head.sha === target.sha).map((pr) => pr.number);
    }
    case "all-open": {
      const open = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 });
      return open.map((pr) => pr.number).sort((a, b) => a - b);
    }
  }
}
