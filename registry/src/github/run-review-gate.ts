import type { Octokit } from "octokit";
import { decide } from "../review/decide.ts";
import type { ReviewDecision } from "../review/review-decision.ts";
import type { ReviewSnapshot } from "../review/review-snapshot.ts";
import { STATUS_CONTEXT } from "../review/review-decision.ts";
import { applyReviewActions, type AppliedAction } from "./apply-review-actions.ts";
import type { RepoRef } from "./create-octokit.ts";
import { readReviewSnapshot } from "./read-review-snapshot.ts";
import type { ReviewTarget } from "./review-event.ts";

/** What the gate did for one pull request. */
export interface GateRun {
  number: number;
  /** Absent when the gate could not decide (see `error`). */
  snapshot?: ReviewSnapshot;
  decision?: ReviewDecision;
  /** Why the gate could not decide; `appshelf/review` was then set to failure with it. */
  error?: string;
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

/** Longest commit status description GitHub accepts (characters). */
const STATUS_DESCRIPTION_MAX = 140;

/**
 * The review gate for one pull request: read the snapshot (`read-review-snapshot.ts`),
 * `decide` (pure), apply the actions (`apply-review-actions.ts`). Closed pull requests are
 * left alone. Re-running on an unchanged pull request changes nothing.
 *
 * Fails closed: when anything goes wrong while deciding (a team that cannot be read, a
 * broken policy, GitHub refusing a read), `appshelf/review` on the head commit is set to
 * `failure` with the reason, so an earlier `success` never outlives a change the gate
 * could not judge; the run reports the error.
 *
 * @throws Error only when even the failure status cannot be set
 */
export async function runReviewGate(options: GateOptions, number: number): Promise<GateRun | undefined> {
  let gathered: Awaited<ReturnType<typeof readReviewSnapshot>>;
  let decision: ReviewDecision;
  try {
    gathered = await readReviewSnapshot(options.octokit, options.repo, number, options.now);
    if (gathered.closed) return undefined;
    decision = decide(gathered.snapshot, gathered.policy);
  } catch (cause) {
    return failClosed(options, number, (cause as Error).message);
  }
  const applied = await applyReviewActions(options.octokit, options.repo, gathered.snapshot, decision, options.dryRun);
  return { number, snapshot: gathered.snapshot, decision, applied, dryRun: options.dryRun };
}

/** Sets `appshelf/review` to failure with `reason` on the pull request's head (unless closed or dry). */
async function failClosed(options: GateOptions, number: number, reason: string): Promise<GateRun | undefined> {
  const { octokit, repo } = options;
  const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  if (pr.state === "closed") return undefined;
  const description = shorten(`review gate could not decide: ${reason}`, STATUS_DESCRIPTION_MAX);
  const request = `POST /repos/${repo.owner}/${repo.repo}/statuses/${pr.head.sha}`;
  if (!options.dryRun)
    await octokit.rest.repos.createCommitStatus({
      ...repo,
      sha: pr.head.sha,
      state: "failure",
      context: STATUS_CONTEXT,
      description,
      target_url: pr.html_url,
    });
  return {
    number,
    error: reason,
    applied: [{ request, summary: `status ${STATUS_CONTEXT} failure: ${description}` }],
    dryRun: options.dryRun,
  };
}

function shorten(text: string, max: number): string {
  const line = text.replace(/\s+/g, " ");
  return line.length <= max ? line : `${line.slice(0, max - 1)}…`;
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
      const open = await octokit.paginate(octokit.rest.pulls.list, {
        ...repo,
        state: "open",
        head: `${target.owner}:${target.branch}`,
        per_page: 100,
      });
      return open.filter((pr) => pr.head.sha === target.sha).map((pr) => pr.number);
    }
    case "all-open": {
      const open = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 });
      return open.map((pr) => pr.number).sort((a, b) => a - b);
    }
  }
}
