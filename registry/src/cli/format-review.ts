import type { ShardVersion } from "../index/index-types.ts";
import type { GateOutcome } from "../review/version-review.ts";

/** One gate outcome as a line: `#12 merged 2026-05-04 (abc1234): isv @a, business @b`, or why there is no record. */
export function formatOutcome(outcome: GateOutcome): string {
  switch (outcome.gate) {
    case "approved": {
      const r = outcome.record;
      const stages = r.stages
        .map(
          (s) =>
            `${s.role} ${s.approvals.map((a) => `@${a.login}${a.selfAttested ? " (self-attested)" : ""} ${a.at}`).join(", ")}`,
        )
        .join("; ");
      return `#${r.pullRequest} merged ${r.mergedAt} as ${r.mergeCommit.slice(0, 12)}${r.fastPath ? ` (fast path: ${r.fastPath})` : ""}: ${stages || "no stage"}  ${r.url}`;
    }
    case "not-approved":
      return `#${outcome.pullRequest} merged as ${outcome.mergeCommit.slice(0, 12)} WITHOUT the review gate's approval: ${outcome.reason}  ${outcome.url}`;
    case "none":
      return `NO review gate decision: ${outcome.reason}${outcome.commit ? ` (commit ${outcome.commit.slice(0, 12)})` : ""}`;
  }
}

/** The review lines of one version for `appshelf show` (indented under the version). */
export function formatVersionReview(v: ShardVersion): string[] {
  if (!v.review) return ["    review: no review record was published with this index"];
  return [
    `    review: ${formatOutcome(v.review.release)}`,
    ...v.review.changes.map((c) => `    changed: ${formatOutcome(c)}`),
  ];
}
