import type { ChangeKind } from "../pr/change-kind.ts";
import type { CheckRender } from "./review-snapshot.ts";
import type { Role } from "./role.ts";

/**
 * Where a pull request stands; the value is what users see (label `review:<state>`,
 * commit status, comment). Source of truth: `decide.ts`.
 * - `draft`: a draft nobody reviewed yet; review starts when it is ready.
 * - `withdrawn`: converted back to draft after review began (someone reviewed it).
 * - `checking`: ready, but the pull-request check for the head commit has not finished.
 * - `invalid`: the pull-request check failed (or its result does not match the files).
 * - `rejected`: a reviewer who holds a needed role requested changes (their words are kept).
 * - `in-review`: waiting for the approvals of the current stage.
 * - `approved`: every needed stage is approved: the gate passes and it may be merged.
 */
export type ReviewState = "draft" | "withdrawn" | "checking" | "invalid" | "rejected" | "in-review" | "approved";

/** A GitHub commit status state. */
export type CommitState = "pending" | "success" | "failure";

/** The context of the commit status the gate sets; branch protection requires it. */
export const STATUS_CONTEXT = "appshelf/review" as const;

/** An approval that counts. */
export interface CountedApproval {
  login: string;
  /** GitHub review id; null for a self-attestation. */
  reviewId: number | null;
  /** When it was given (for a self-attestation: when the pull request became ready). */
  at: string;
  /** The author attested the isv stage as the app's only maintainer. */
  selfAttested: boolean;
}

/** One unit of a stage: per app for isv (that app's maintainers approve), else the whole pull request. */
export interface StageUnit {
  /** App id for isv units; null otherwise. */
  app: string | null;
  needed: number;
  approvals: CountedApproval[];
  complete: boolean;
}

/** How far one needed stage is. */
export interface StageProgress {
  role: Role;
  title: string;
  /** 1-based position among the needed stages. */
  index: number;
  units: StageUnit[];
  complete: boolean;
  /** When the last approval it needed came; null while incomplete. */
  completedAt: string | null;
  /** What the reviewer must check. */
  checklist: string[];
  targetHours: number | null;
}

/** Why an approval does not count. */
export type IgnoredReason =
  | "author"
  | "commit-author"
  | "co-author"
  | "maintainer"
  | "after-merge"
  | "stale"
  | "no-role"
  | "out-of-order"
  | "counted-for-another-stage"
  | "not-needed";

/** An approval that does not count, and why. */
export interface IgnoredApproval {
  login: string;
  reviewId: number;
  reason: IgnoredReason;
  /** For `counted-for-another-stage`: the waiting stage it cannot also count for. */
  role?: Role;
}

/** A change request that blocks the pull request. */
export interface Rejection {
  login: string;
  /** The first needed stage whose role the reviewer holds. */
  role: Role;
  reviewId: number;
  at: string;
  /** The review's text, as written. */
  words: string;
}

/** The decision for one snapshot: where it stands and what to show. */
export interface ReviewDecision {
  state: ReviewState;
  /** The current stage while `in-review`; null otherwise. */
  stage: { role: Role; title: string; index: number; count: number } | null;
  /** Every needed stage in order (empty before the change is known). */
  stages: StageProgress[];
  /** Change kinds counted (the check's, plus `registry-change` whenever GitHub lists a path outside apps/). */
  kinds: ChangeKind[];
  /** Touched app ids, sorted. */
  apps: string[];
  /** The fast path applied, if any. */
  fastPath: string | null;
  /** Why the state is what it is, in plain words (invalid, checking, untrusted result, ...). */
  reasons: string[];
  /** Blocking change requests, oldest first; empty unless `rejected`. */
  rejections: Rejection[];
  ignored: IgnoredApproval[];
  /** When the current stage became current; null unless `in-review`. */
  waitingSince: string | null;
  /** The current stage's time target is exceeded. */
  overdue: { role: Role; targetHours: number; since: string } | null;
  status: { context: typeof STATUS_CONTEXT; state: CommitState; description: string };
  /** Every label the gate manages that the pull request should carry, sorted. */
  labels: string[];
  /** Who is asked next (the current stage's reviewers), whether or not already asked. */
  next: { users: string[]; teams: string[] };
  /** What the changed versions will create, from the check's render reports (for the technical stage); absent when none. */
  renders?: CheckRender[];
  /** Enable auto-merge (approved, and the policy or fast path asks for it). */
  autoMerge: boolean;
  /** The summary comment, hidden marker first. */
  comment: string;
  /** What to change on GitHub to get there from the snapshot. */
  actions: ReviewActions;
}

/** Changes to make on GitHub; empty lists and `none` when it already matches (idempotent). */
export interface ReviewActions {
  /** Set the `appshelf/review` status on the head commit (it differs from the current one). */
  setStatus: boolean;
  addLabels: string[];
  removeLabels: string[];
  /** Request these reviews (not requested yet). Teams as `org/slug`. */
  requestReviewers: { users: string[]; teams: string[] };
  /** Overdue: withdraw and request again, so they are notified anew. */
  rerequestReviewers: { users: string[]; teams: string[] };
  comment: { kind: "create" } | { kind: "edit"; id: number } | { kind: "none"; id: number };
  enableAutoMerge: boolean;
}
