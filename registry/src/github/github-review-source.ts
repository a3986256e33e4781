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
      try {
        return { gate: "approved", record: await readReviewRecord(octokit, repo, number) };
      } catch (error) {
        const message = (error as Error).message;
        if (!/was merged while the gate said/.test(message)) throw error;
        const { data } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
        return { gate: "not-approved", pullRequest: number, url: data.html_url, mergeCommit: data.merge_commit_sha ?? commit, reason: message };
      }
    },
  };
}
