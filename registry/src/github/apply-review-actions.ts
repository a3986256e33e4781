import type { Octokit } from "octokit";
import type { ReviewDecision } from "../review/review-decision.ts";
import type { ReviewSnapshot } from "../review/review-snapshot.ts";
import { httpStatusOf, type RepoRef } from "./create-octokit.ts";

/** One change made (or, in a dry run, that would be made), for the log. */
export interface AppliedAction {
  /** e.g. `POST /repos/o/r/statuses/<sha>`. */
  request: string;
  /** What it does, in words. */
  summary: string;
  /** Why it failed, when GitHub refused it (review requests to non-collaborators); the rest still runs. */
  failed?: string;
}

const ENABLE_AUTO_MERGE = `mutation($pullRequestId: ID!) { enablePullRequestAutoMerge(input: { pullRequestId: $pullRequestId, mergeMethod: SQUASH }) { clientMutationId } }`;

/**
 * Applies a decision's actions to GitHub, in this order: labels (add, then remove),
 * review requests (overdue re-requests are withdrawn and made again), the sticky comment
 * (created once, then edited), the `appshelf/review` status on the head commit, and
 * auto-merge (GraphQL `enablePullRequestAutoMerge`). Nothing else is touched. With
 * `dryRun` it only lists what it would do. A refused review request (GitHub answers 422
 * for somebody who is not a collaborator: app maintainers often are not) is logged and
 * the rest goes on: the comment names them.
 *
 * @throws Error from GitHub for any other refused write
 */
export async function applyReviewActions(
  octokit: Octokit,
  repo: RepoRef,
  snapshot: ReviewSnapshot,
  decision: ReviewDecision,
  dryRun: boolean,
): Promise<AppliedAction[]> {
  const pr = snapshot.pullRequest;
  const a = decision.actions;
  const base = `/repos/${repo.owner}/${repo.repo}`;
  const done: AppliedAction[] = [];
  const run = async (request: string, summary: string, call: () => Promise<unknown>, tolerate422 = false) => {
    if (dryRun) return done.push({ request, summary });
    try {
      await call();
      done.push({ request, summary });
    } catch (error) {
      if (!tolerate422 || httpStatusOf(error) !== 422) throw error;
      done.push({ request, summary, failed: (error as Error).message });
    }
  };
  const issue = { ...repo, issue_number: pr.number };
  if (a.addLabels.length > 0)
    await run(`POST ${base}/issues/${pr.number}/labels`, `add labels ${a.addLabels.join(", ")}`, () =>
      octokit.rest.issues.addLabels({ ...issue, labels: a.addLabels }),
    );
  for (const name of a.removeLabels) {
    await run(`DELETE ${base}/issues/${pr.number}/labels/${encodeURIComponent(name)}`, `remove label ${name}`, () =>
      octokit.rest.issues.removeLabel({ ...issue, name }).catch((error: unknown) => {
        if (httpStatusOf(error) !== 404) throw error;
      }),
    );
  }
  const slugs = (teams: readonly string[]) => teams.map((t) => t.split("/")[1] ?? t);
  const again = a.rerequestReviewers;
  if (again.users.length + again.teams.length > 0) {
    const who = { ...repo, pull_number: pr.number, reviewers: again.users, team_reviewers: slugs(again.teams) };
    await run(
      `DELETE ${base}/pulls/${pr.number}/requested_reviewers`,
      `withdraw overdue requests ${[...again.teams, ...again.users].join(", ")}`,
      () => octokit.rest.pulls.removeRequestedReviewers(who),
    );
    await run(
      `POST ${base}/pulls/${pr.number}/requested_reviewers`,
      `ask again ${[...again.teams, ...again.users].join(", ")} (overdue)`,
      () => octokit.rest.pulls.requestReviewers(who),
      true,
    );
  }
  const ask = a.requestReviewers;
  if (ask.users.length + ask.teams.length > 0) {
    await run(
      `POST ${base}/pulls/${pr.number}/requested_reviewers`,
      `request reviews from ${[...ask.teams, ...ask.users].join(", ")}`,
      () =>
        octokit.rest.pulls.requestReviewers({
          ...repo,
          pull_number: pr.number,
          reviewers: ask.users,
          team_reviewers: slugs(ask.teams),
        }),
      true,
    );
  }
  const comment = a.comment;
  if (comment.kind === "create")
    await run(`POST ${base}/issues/${pr.number}/comments`, "post the summary comment", () =>
      octokit.rest.issues.createComment({ ...issue, body: decision.comment }),
    );
  if (comment.kind === "edit")
    await run(`PATCH ${base}/issues/comments/${comment.id}`, "edit the summary comment", () =>
      octokit.rest.issues.updateComment({ ...repo, comment_id: comment.id, body: decision.comment }),
    );
  if (a.setStatus) {
    const { state, description, context } = decision.status;
    await run(`POST ${base}/statuses/${pr.headSha}`, `status ${context} ${state}: ${description}`, () =>
      octokit.rest.repos.createCommitStatus({
        ...repo,
        sha: pr.headSha,
        state,
        context,
        description,
        target_url: pr.url,
      }),
    );
  }
  if (a.enableAutoMerge)
    await run("POST /graphql", "enable auto-merge (squash)", () =>
      octokit.graphql(ENABLE_AUTO_MERGE, { pullRequestId: pr.nodeId }),
    );
  return done;
}
