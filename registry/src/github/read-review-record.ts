import type { Octokit } from "octokit";
import { decide } from "../review/decide.ts";
import { makeReviewRecord, type ReviewRecord } from "../review/review-record.ts";
import type { RepoRef } from "./create-octokit.ts";
import { readReviewSnapshot } from "./read-review-snapshot.ts";

/**
 * The review record of a merged pull request, for the publish step: the snapshot as
 * GitHub holds it now (reviews stay after merge; roles and the policy are read as they are
 * now from the base branch), judged at the merge time (`now` = `merged_at`: reviews
 * submitted after the merge count for nothing), plus the merge commit. A merge the gate
 * did not approve gets a record saying so (`approved: false`).
 *
 * To find the pull request of a released version: the commit that added the version file
 * on the base branch (`git log --diff-filter=A -- <file>`), then
 * `GET /repos/{o}/{r}/commits/{sha}/pulls` (see `findMergedPullRequest`).
 *
 * @throws Error when the pull request is not merged, or GitHub refuses a read
 */
export async function readReviewRecord(octokit: Octokit, repo: RepoRef, number: number): Promise<ReviewRecord> {
  const gathered = await readReviewSnapshot(octokit, repo, number, new Date(0));
  if (!gathered.merged) throw new Error(`pull request #${number} is not merged: no review record`);
  const atMerge = {
    ...gathered.snapshot,
    now: gathered.merged.at,
    pullRequest: { ...gathered.snapshot.pullRequest, draft: false },
  };
  return makeReviewRecord(decide(atMerge, gathered.policy), {
    number,
    url: atMerge.pullRequest.url,
    mergeCommit: gathered.merged.sha,
    mergedAt: gathered.merged.at,
  });
}

/** The merged pull request that brought `commit` into the base branch (`GET /repos/{o}/{r}/commits/{sha}/pulls`), if any. */
export async function findMergedPullRequest(
  octokit: Octokit,
  repo: RepoRef,
  commit: string,
): Promise<number | undefined> {
  const { data } = await octokit.rest.repos.listPullRequestsAssociatedWithCommit({ ...repo, commit_sha: commit });
  return data.filter((pr) => pr.merged_at !== null).sort((a, b) => a.number - b.number)[0]?.number;
}
