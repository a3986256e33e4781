import type { ReviewDecision, ReviewState } from "./review-decision.ts";
import type { ReviewRecord } from "../generated/review-record.ts";

/**
 * The review record of a merged pull request, kept with each version it released (as
 * OpenPitrix keeps per-stage review records): which stages it passed, who approved each
 * and when, and the pull request and merge commit. The type is generated from
 * `schema/review-record.schema.json`; the index builder writes it into the shard as
 * `versions[].review`.
 *
 * Stable for consumers (catalog trust panels, clients): fields are only ever added. The
 * record is judged at the merge time, so reviews given after the merge never appear in
 * it; a pull request merged while the gate did not approve it has `approved: false`, its
 * `state` at the merge and the gate's `reasons`, and lists only the approvals that counted.
 */
export type { ReviewRecord } from "../generated/review-record.ts";

/** One needed stage of a {@link ReviewRecord}, in order, with the approvals that counted by the merge. */
export type RecordStage = ReviewRecord["stages"][number];

/** Facts about the merge, read from GitHub. */
export interface MergeFacts {
  number: number;
  url: string;
  mergeCommit: string;
  mergedAt: string;
}

/**
 * The record of a merged pull request from the gate's decision at the merge time (a
 * snapshot whose `now` is the merge time, so later reviews count for nothing). A merge the
 * gate did not approve is recorded as such (`approved: false`), never dropped. Pure.
 */
export function makeReviewRecord(decision: ReviewDecision, merge: MergeFacts): ReviewRecord {
  const approved = decision.state === "approved";
  return {
    pullRequest: merge.number,
    url: merge.url,
    mergeCommit: merge.mergeCommit,
    mergedAt: merge.mergedAt,
    fastPath: decision.fastPath,
    approved,
    state: decision.state,
    reasons: approved ? [] : unapprovedReasons(decision),
    stages: decision.stages.map((s) => ({
      role: s.role,
      title: s.title,
      complete: s.complete,
      approvals: s.units.flatMap((u) =>
        u.approvals.map((a) => ({
          login: a.login,
          at: a.at,
          reviewId: a.reviewId,
          selfAttested: a.selfAttested,
          app: u.app,
        })),
      ),
    })),
  };
}

/** Why the gate had not approved at the merge: its reasons, the stages still waiting, the blocking change requests. */
function unapprovedReasons(decision: ReviewDecision): string[] {
  const waiting = decision.stages.filter((s) => !s.complete).map((s) => s.title);
  return [
    `merged while the review gate said '${decision.state}'`,
    ...decision.reasons,
    ...(waiting.length > 0 ? [`stages not approved by the merge: ${waiting.join(", ")}`] : []),
    ...decision.rejections.map((r) => `changes requested by @${r.login}`),
  ];
}
