import type { Octokit } from "octokit";
import { placePath } from "../pr/place-path.ts";
import { loadReviewPolicy } from "../review/load-policy.ts";
import { COMMENT_MARKER } from "../review/render-comment.ts";
import { STATUS_CONTEXT } from "../review/review-decision.ts";
import { POLICY_PATH, type ReviewPolicy } from "../review/review-policy.ts";
import type { ReviewSnapshot, SnapshotFile, SnapshotReview, TimelineEvent } from "../review/review-snapshot.ts";
import type { RepoRef } from "./create-octokit.ts";
import { readAppFacts } from "./read-app-facts.ts";
import { readContributors } from "./read-contributors.ts";
import { readPrCheck } from "./read-pr-check.ts";
import { readRepoFile } from "./read-repo-file.ts";
import { readRoleHolders } from "./read-role-holders.ts";

/** A snapshot and the policy it is judged under (both from GitHub; the policy from the base branch). */
export interface GatheredReview {
  snapshot: ReviewSnapshot;
  policy: ReviewPolicy;
  /** The pull request is closed (the gate leaves closed pull requests alone). */
  closed: boolean;
  /** Merge commit and time when merged (for the review record). */
  merged: { sha: string; at: string } | null;
}

/**
 * Gathers the facts of one pull request from the GitHub REST API (all I/O of the gate's
 * read side; the clock is passed in): the pull request; the policy file at the tip of its
 * BASE branch; changed files, commits (authors, `Co-authored-by` trailers, unlinked
 * addresses), reviews, issue events (the `ready_for_review`/`convert_to_draft` timeline)
 * and comments (the gate's own, by marker and bot author), all paginated; holders of the
 * policy roles; the touched apps' maintainers from the base branch; the pull-request
 * check's run and result; and the head commit's `appshelf/review` status. Nothing of the
 * pull request's head is executed or trusted beyond data.
 *
 * @throws Error when the policy is missing or invalid on the base branch, a team cannot
 *   be read, GitHub lists fewer files than the pull request changes (over 3000), or GitHub
 *   refuses a read
 */
export async function readReviewSnapshot(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
  now: Date,
): Promise<GatheredReview> {
  const page = { ...repo, per_page: 100 };
  const { data: pr } = await octokit.rest.pulls.get({ ...repo, pull_number: number });
  const policyText = await readRepoFile(octokit, repo, POLICY_PATH, pr.base.ref);
  if (policyText === undefined)
    throw new Error(
      `${POLICY_PATH} does not exist on ${pr.base.ref}: the review gate needs a policy on the base branch`,
    );
  const policy = loadReviewPolicy(POLICY_PATH, policyText);
  const files = await octokit.paginate(octokit.rest.pulls.listFiles, { ...page, pull_number: number });
  // GitHub lists at most 3000 files; a path the gate cannot see could be a registry change.
  if (files.length < pr.changed_files)
    throw new Error(
      `pull request #${number} changes ${pr.changed_files} files but GitHub lists only ${files.length}: the gate cannot tell what it changes; split it`,
    );
  const commits = await octokit.paginate(octokit.rest.pulls.listCommits, { ...page, pull_number: number });
  const reviews = await octokit.paginate(octokit.rest.pulls.listReviews, { ...page, pull_number: number });
  const events = await octokit.paginate(octokit.rest.issues.listEvents, { ...page, issue_number: number });
  const comments = await octokit.paginate(octokit.rest.issues.listComments, { ...page, issue_number: number });
  const snapshotFiles: SnapshotFile[] = files.map((f) => ({
    path: f.filename,
    status: f.status,
    ...(f.previous_filename ? { previousPath: f.previous_filename } : {}),
  }));
  const appIds = [
    ...new Set(
      snapshotFiles
        .flatMap((f) => [f.path, f.previousPath ?? f.path])
        .flatMap((p) => {
          const place = placePath(p);
          return place.role === "registry" ? [] : [place.app];
        }),
    ),
  ];
  const ready = events
    .filter((e) => e.event === "ready_for_review")
    .map((e) => e.created_at)
    .sort();
  const timeline = events
    .flatMap((e): TimelineEvent[] =>
      e.event === "ready_for_review" || e.event === "convert_to_draft" ? [{ event: e.event, at: e.created_at }] : [],
    )
    .sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.event.localeCompare(b.event));
  const people = readContributors(commits);
  const sticky = comments.find((c) => c.user?.type === "Bot" && (c.body ?? "").startsWith(COMMENT_MARKER));
  const { data: combined } = await octokit.rest.repos.getCombinedStatusForRef({
    ...repo,
    ref: pr.head.sha,
    per_page: 100,
  });
  const status = combined.statuses.find((s) => s.context === STATUS_CONTEXT);
  const snapshot: ReviewSnapshot = {
    formatVersion: 1,
    repository: `${repo.owner}/${repo.repo}`,
    now: now.toISOString(),
    pullRequest: {
      number,
      title: pr.title,
      url: pr.html_url,
      nodeId: pr.node_id,
      author: pr.user.login,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      draft: pr.draft === true,
      createdAt: pr.created_at,
      readyAt: ready[ready.length - 1] ?? pr.created_at,
      labels: pr.labels.map((l) => l.name).sort(),
      requestedUsers: (pr.requested_reviewers ?? []).map((u) => u.login).sort(),
      requestedTeams: (pr.requested_teams ?? []).map((t) => t.slug).sort(),
      autoMerge: pr.auto_merge !== null && pr.auto_merge !== undefined,
      timeline,
    },
    commitAuthors: people.commitAuthors,
    coAuthors: people.coAuthors,
    unknownContributors: people.unknownContributors,
    files: snapshotFiles,
    check: await readPrCheck(octokit, repo, {
      number,
      headSha: pr.head.sha,
      baseRef: pr.base.ref,
      headRepo: pr.head.repo?.full_name ?? "",
      headRef: pr.head.ref,
    }),
    reviews: reviews.flatMap((r): SnapshotReview[] =>
      r.user && r.submitted_at && r.commit_id
        ? [
            {
              id: r.id,
              user: r.user.login,
              state: r.state as SnapshotReview["state"],
              commitId: r.commit_id,
              submittedAt: r.submitted_at,
              body: r.body ?? "",
            },
          ]
        : [],
    ),
    roles: await readRoleHolders(octokit, policy),
    apps: await readAppFacts(octokit, repo, appIds, pr.base.ref, pr.head.sha),
    comment: sticky ? { id: sticky.id, body: sticky.body ?? "" } : null,
    status: status
      ? { state: status.state as "pending" | "success" | "failure" | "error", description: status.description ?? "" }
      : null,
  };
  const merged = pr.merged_at && pr.merge_commit_sha ? { sha: pr.merge_commit_sha, at: pr.merged_at } : null;
  return { snapshot, policy, closed: pr.state === "closed", merged };
}
