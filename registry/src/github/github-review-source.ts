import type { Octokit } from "octokit";
import type { ReviewSource } from "../publish/collect-review-ledger.ts";
import type { RepoRef } from "./create-octokit.ts";
import { findMergedPullRequest, readReviewRecord } from "./read-review-record.ts";

/**
 * The review facts of merged pull requests read from GitHub (the publish job): the pull
 * request of a base-branch commit (`GET /repos/{o}/{r}/commits/{sha}/pulls`) and its review
 * record ({@link readReviewRecord}). A pull request merged while the gate did not approve it
 * is stated as `not-approved` with the gate's reason; any other failure (network, API) is thrown.
 */
export function githubReviewSource(octokit: Octokit, repo: RepoRef): ReviewSource {
  return {
    pullRequestOf: (commit) => findMergedPullRequest(octokit, repo, commit),
    async outcomeOf(number, commit) {
      const record = await readReviewRecord(octokit, repo, number);
      if (record.approved) return { gate: "approved", record };
      return {
        gate: "not-approved",
        pullRequest: number,
        url: record.url,
        mergeCommit: record.mergeCommit || commit,
        reason: `pull request #${number} ${record.reasons.join("; ")}`,
      };
    },
  };
}
