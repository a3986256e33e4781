import type { ReviewDecision } from "./review-decision.ts";
import type { Role } from "./role.ts";

/**
 * The review record of a merged pull request, kept with each version it released (as
 * OpenPitrix keeps per-stage review records): which stages it passed, who approved each
 * and when, and the pull request and merge commit. Shape: `schema/review-record.schema.json`;
 * the index builder writes it into the shard as `versions[].review`.
 */
export interface ReviewRecord {
  /** Pull request number. */
  pullRequest: number;
  /** Web page of the pull request. */
  url: string;
  /** The merge commit on the base branch. */
  mergeCommit: string;
  /** When it was merged (ISO 8601 UTC). */
  mergedAt: string;
  /** The fast path it took, if any. */
  fastPath: string | null;
  /** Every stage passed, in order. */
  stages: RecordStage[];
}

/** One passed stage. */
export interface RecordStage {
  role: Role;
  title: string;
  approvals: { login: string; at: string; reviewId: number | null; selfAttested: boolean; app: string | null }[];
}

/** Facts about the merge, read from GitHub. */
export interface MergeFacts {
  number: number;
  url: string;
  mergeCommit: string;
  mergedAt: string;
}

/**
 * The record of a merged pull request from the gate's decision on its last reviewed state.
 *
 * @throws Error when the decision is not `approved`: a merge that bypassed the gate has no record
 */
export function makeReviewRecord(decision: ReviewDecision, merge: MergeFacts): ReviewRecord {
  if (decision.state !== "approved") throw new Error(`pull request #${merge.number} was merged while the gate said '${decision.state}': no review record`);
  return {
    pullRequest: merge.number,
    url: merge.url,
    mergeCommit: merge.mergeCommit,
    mergedAt: merge.mergedAt,
    fastPath: decision.fastPath,
    stages: decision.stages.map((s) => ({
      role: s.role,
      title: s.title,
      approvals: s.units.flatMap((u) => u.approvals.map((a) => ({ login: a.login, at: a.at, reviewId: a.reviewId, selfAttested: a.selfAttested, app: u.app }))),
    })),
  };
}
