import type { Octokit } from "octokit";
import { decide } from "../review/decide.ts";
import { makeQueueEntry, makeReviewQueue, type ReviewQueue } from "../review/review-queue.ts";
import type { RepoRef } from "./create-octokit.ts";
import { readReviewSnapshot } from "./read-review-snapshot.ts";

/**
 * The review queue: every open pull request (`GET /repos/{o}/{r}/pulls?state=open`,
 * paginated), each read as a snapshot and decided like the gate does, as
 * `review/review-queue.ts` entries. Reads only.
 */
export async function readReviewQueue(octokit: Octokit, repo: RepoRef, now: Date): Promise<ReviewQueue> {
  const open = await octokit.paginate(octokit.rest.pulls.list, { ...repo, state: "open", per_page: 100 });
  const entries = [];
  for (const pr of open) {
    const { snapshot, policy } = await readReviewSnapshot(octokit, repo, pr.number, now);
    entries.push(makeQueueEntry(snapshot, decide(snapshot, policy)));
  }
  return makeReviewQueue(`${repo.owner}/${repo.repo}`, now.toISOString(), entries);
}
