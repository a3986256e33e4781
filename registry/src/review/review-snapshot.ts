import type { ChangeKind } from "../pr/change-kind.ts";

/**
 * What GitHub says of one open pull request at one moment: the only input of `decide`
 * besides the policy. Read by the shell (`github/read-review-snapshot.ts`), written to a
 * file by `--save-snapshot`, replayed by `appshelf review-state <snapshot.json>` and by the
 * recorded scenarios in `registry/test/review/scenarios/`. Shape: `schema/review-snapshot.schema.json`.
 * Times are ISO 8601 UTC strings (`2026-05-02T10:00:00Z`); logins are GitHub logins.
 */
export interface ReviewSnapshot {
  formatVersion: 1;
  /** `owner/name`. */
  repository: string;
  /** When the snapshot was read: the clock for review time targets. */
  now: string;
  pullRequest: SnapshotPullRequest;
  /** GitHub logins of the authors of the pull request's commits (commits without a GitHub user are in `unknownContributors`). */
  commitAuthors: string[];
  /** Logins named by the commits' `Co-authored-by:` trailers (no-reply addresses, or addresses GitHub links to an account). */
  coAuthors?: string[];
  /**
   * Commit authors and trailer co-authors no GitHub account is linked to (e-mail address
   * or name): unknown people, who could be reviewers. They block self-attestation and the
   * sole-maintainer fast path.
   */
  unknownContributors?: string[];
  /** Changed paths as GitHub lists them: trusted, unlike the check's result file. */
  files: SnapshotFile[];
  check: SnapshotCheck;
  /** Every submitted review, in any order. */
  reviews: SnapshotReview[];
  /** Holders of the policy roles, resolved from its teams and users when the snapshot was read. */
  roles: { business: string[]; technical: string[]; admin: string[] };
  /** Every app the pull request touches (from `files`), sorted by id. */
  apps: SnapshotApp[];
  /** The gate's sticky comment (found by its hidden marker), or null. */
  comment: { id: number; body: string } | null;
  /** The head commit's current `appshelf/review` status, or null. */
  status: { state: "pending" | "success" | "failure" | "error"; description: string } | null;
}

export interface SnapshotPullRequest {
  number: number;
  title: string;
  /** Web page of the pull request. */
  url: string;
  /** GraphQL node id (for enabling auto-merge). */
  nodeId: string;
  author: string;
  headSha: string;
  /** Branch the pull request merges into; policy and maintainers are read from it. */
  baseRef: string;
  draft: boolean;
  createdAt: string;
  /** Last time it was marked ready for review; `createdAt` when it was opened ready. */
  readyAt: string;
  labels: string[];
  /** Logins whose review is requested (GitHub drops a login once it reviewed). */
  requestedUsers: string[];
  /** Slugs of the teams whose review is requested. */
  requestedTeams: string[];
  /** GitHub auto-merge is enabled. */
  autoMerge: boolean;
  /**
   * Its `ready_for_review` and `convert_to_draft` events, oldest first (issue events).
   * Absent in snapshots recorded before the gate read it; then a draft with reviews counts as withdrawn.
   */
  timeline?: TimelineEvent[];
}

/** A draft/ready transition of a pull request. */
export interface TimelineEvent {
  event: "ready_for_review" | "convert_to_draft";
  at: string;
}

/** One changed path. */
export interface SnapshotFile {
  path: string;
  /** For renames: the path before. */
  previousPath?: string;
  status: "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";
}

/** The pull-request check (`.github/workflows/pull-request.yml`) for the head commit. */
export interface SnapshotCheck {
  /** Outcome of its latest run: `pending` while running, `missing` when it never ran. */
  conclusion: "success" | "failure" | "pending" | "missing";
  /** Its `pr-check` result file, when read (`report/pr-result.ts`, reduced). */
  result: CheckResultFacts | null;
  /** Web page of the run, when there is one. */
  url?: string;
}

/** The part of `PrResult` the gate uses. */
export interface CheckResultFacts {
  /** Head commit the result is for. */
  headSha: string;
  /** No errors. */
  ok: boolean;
  errors: number;
  kinds: ChangeKind[];
  apps: { id: string; kinds: ChangeKind[]; sourceChanges?: SourceChange[] }[];
  /** What each changed version will create, as the check's render reports say (text only, shown escaped). */
  renders?: CheckRender[];
}

/**
 * One changed version's render report as the review comment shows it: lines of text made
 * from the check's `renders` (report/pr-result.ts), capped. It comes from the pull
 * request's own run, so the comment says so.
 */
export interface CheckRender {
  app: string;
  delivery: string;
  version: string;
  /** `helm v4.1.4` or `compose`. */
  tool: string;
  /** `2 × Deployment`. */
  objects: string[];
  /** Image references. */
  images: string[];
  /** `privileged container: Deployment/web (app)`. */
  flags: string[];
}

/** A new version whose artifact host differs from every host of the app's released versions. */
export interface SourceChange {
  /** `<delivery>/<version>`. */
  version: string;
  /** Host of its artifact URL; `in-repo` for an artifact kept in the app folder. */
  host: string;
  /** Hosts of the app's released versions on the base branch. */
  previousHosts: string[];
}

/** A review as GitHub reports it. */
export interface SnapshotReview {
  id: number;
  user: string;
  /** GitHub's review state; a dismissed review has state `DISMISSED`. */
  state: "APPROVED" | "CHANGES_REQUESTED" | "COMMENTED" | "DISMISSED" | "PENDING";
  /** Commit the review was given on. */
  commitId: string;
  submittedAt: string;
  body: string;
}

/** A touched app: its owners and whether it is already released. */
export interface SnapshotApp {
  id: string;
  /** `maintainers` of its `app.yaml` on the base branch; for a new app, in the pull request. */
  maintainers: string[];
  /** `maintainers` of its `app.yaml` in the pull request, when read. */
  headMaintainers?: string[];
  /** Its `app.yaml` exists on the base branch. */
  onBase: boolean;
  /** Its `status` on the base branch is `active`. */
  active: boolean;
}
