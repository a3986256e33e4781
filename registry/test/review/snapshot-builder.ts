import { readFileSync } from "node:fs";
import path from "node:path";
import type { ChangeKind } from "../../src/pr/change-kind.ts";
import { loadReviewPolicy } from "../../src/review/load-policy.ts";
import { POLICY_PATH, type ReviewPolicy } from "../../src/review/review-policy.ts";
import type { ReviewSnapshot, SnapshotApp, SnapshotReview } from "../../src/review/review-snapshot.ts";

/** The repository root (not taken from temp-registry.ts, so scripts can use this builder outside vitest). */
import { REPO_ROOT } from "../temp-registry.ts";

/** Head and an earlier commit of the pull request in the built snapshots. */
export const HEAD = "3f2a9c1d7e8b4a6f0c2d5e7a9b1c3d5e7f9a1b2c";
export const OLDER = "9b1c3d5e7f9a1b2c3f2a9c1d7e8b4a6f0c2d5e7a";

/** Holders of the policy roles in the built snapshots. */
export const ROLES = {
  business: ["biz-ann", "biz-bo"],
  technical: ["tech-cy", "tech-di"],
  admin: ["adm-ed", "adm-flo", "adm-gus"],
};

/** The repository's own policy file, loaded. */
export function repoPolicy(): ReviewPolicy {
  return loadReviewPolicy(POLICY_PATH, readFileSync(path.join(REPO_ROOT, POLICY_PATH), "utf8"));
}

/** Overrides a scenario may apply to the repository's policy. */
export interface PolicyOverrides {
  options?: Partial<ReviewPolicy["options"]>;
  fastPaths?: ReviewPolicy["fastPaths"];
}

/** The repository's policy with a scenario's overrides. */
export function policyWith(overrides: PolicyOverrides | undefined): ReviewPolicy {
  const base = repoPolicy();
  if (!overrides) return base;
  return {
    ...base,
    options: { ...base.options, ...overrides.options },
    fastPaths: overrides.fastPaths ?? base.fastPaths,
  };
}

/** An app as the snapshot holds it. */
export function app(id: string, maintainers: string[], onBase = true, active = true): SnapshotApp {
  return { id, maintainers, onBase, active };
}

/**
 * A valid-by-default snapshot: @wp-packager submits the new app WordPress (maintainers
 * wp-packager and wp-lead), ready since 09:00, check passed, no reviews, nothing applied yet.
 */
export function aSnapshot(): ReviewSnapshot {
  return {
    formatVersion: 1,
    repository: "appshelf/registry",
    now: "2026-05-04T18:00:00Z",
    pullRequest: {
      number: 42,
      title: "Add WordPress",
      url: "https://github.com/appshelf/registry/pull/42",
      nodeId: "PR_kwDOAppshelf42",
      author: "wp-packager",
      headSha: HEAD,
      baseRef: "main",
      draft: false,
      createdAt: "2026-05-04T09:00:00Z",
      readyAt: "2026-05-04T09:00:00Z",
      labels: [],
      requestedUsers: [],
      requestedTeams: [],
      autoMerge: false,
    },
    commitAuthors: ["wp-packager"],
    files: [
      { path: "apps/wordpress/app.yaml", status: "added" },
      { path: "apps/wordpress/versions/helm/27.0.0.yaml", status: "added" },
    ],
    check: {
      conclusion: "success",
      result: {
        headSha: HEAD,
        ok: true,
        errors: 0,
        kinds: ["new-app"],
        apps: [{ id: "wordpress", kinds: ["new-app"] }],
      },
    },
    reviews: [],
    roles: structuredClone(ROLES),
    apps: [app("wordpress", ["wp-packager", "wp-lead"], false, false)],
    comment: null,
    status: null,
  };
}

/** Changes the snapshot's change: the files GitHub lists, the check's kinds per app, and the apps. */
export function withChange(
  s: ReviewSnapshot,
  files: ReviewSnapshot["files"],
  appKinds: Record<string, ChangeKind[]>,
  apps: SnapshotApp[],
): ReviewSnapshot {
  const kinds = [...new Set(Object.values(appKinds).flat())];
  const order: ChangeKind[] = [
    "new-app",
    "new-version",
    "metadata-edit",
    "suspension",
    "reinstatement",
    "deletion",
    "ownership-transfer",
    "registry-change",
  ];
  kinds.sort((a, b) => order.indexOf(a) - order.indexOf(b));
  return {
    ...s,
    files,
    apps,
    check: {
      conclusion: "success",
      result: {
        headSha: s.pullRequest.headSha,
        ok: true,
        errors: 0,
        kinds,
        apps: Object.entries(appKinds).map(([id, k]) => ({ id, kinds: k })),
      },
    },
  };
}

/** A review: `state` by `user` at `HH:MM` on the snapshot's day (or a full ISO time), on `commit` (default head). */
export function review(
  user: string,
  state: SnapshotReview["state"],
  at: string,
  options: { commit?: string; body?: string } = {},
): Omit<SnapshotReview, "id"> {
  return {
    user,
    state,
    commitId: options.commit ?? HEAD,
    submittedAt: at.includes("T") ? at : `2026-05-04T${at}:00Z`,
    body: options.body ?? "",
  };
}

/** Sets the reviews, numbering them 1001, 1002, ... in the order given. */
export function withReviews(s: ReviewSnapshot, ...reviews: Omit<SnapshotReview, "id">[]): ReviewSnapshot {
  return { ...s, reviews: reviews.map((r, i) => ({ id: 1001 + i, ...r })) };
}

/** Changes fields of the pull request. */
export function withPr(s: ReviewSnapshot, pr: Partial<ReviewSnapshot["pullRequest"]>): ReviewSnapshot {
  return { ...s, pullRequest: { ...s.pullRequest, ...pr } };
}
