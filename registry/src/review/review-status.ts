import type { CommitState, Rejection, ReviewState, StageProgress } from "./review-decision.ts";

/** GitHub truncates status descriptions at 140 characters. */
const MAX_DESCRIPTION = 140;

/** What the status needs to know about the decision. */
export interface StatusFacts {
  state: ReviewState;
  stages: readonly StageProgress[];
  current: StageProgress | undefined;
  rejections: readonly Rejection[];
  fastPath: string | null;
}

/**
 * The `appshelf/review` commit status for a decision: `success` only when approved,
 * `failure` when invalid or rejected, `pending` otherwise, with a description such as
 * `stage 2/3: business review` or `stage 3/3: admin review (1/2 approvals)`.
 */
export function describeStatus(facts: StatusFacts): { state: CommitState; description: string } {
  const text = (state: CommitState, description: string) => ({
    state,
    description: description.length > MAX_DESCRIPTION ? `${description.slice(0, MAX_DESCRIPTION - 3)}...` : description,
  });
  switch (facts.state) {
    case "draft":
      return text("pending", "draft: review starts when the pull request is ready");
    case "withdrawn":
      return text("pending", "withdrawn: converted back to draft during review");
    case "checking":
      return text("pending", "waiting for the pull-request check");
    case "invalid":
      return text("failure", "the pull-request check failed: fix it, then review starts");
    case "rejected": {
      const last = facts.rejections[facts.rejections.length - 1];
      const stage = facts.stages.find((s) => s.role === last?.role);
      return text("failure", `changes requested by @${last?.login ?? "?"}${stage ? ` (${stage.title})` : ""}`);
    }
    case "in-review": {
      const s = facts.current;
      if (!s) return text("pending", "in review");
      const needed = s.units.reduce((n, u) => n + u.needed, 0);
      const have = s.units.reduce((n, u) => n + Math.min(u.approvals.length, u.needed), 0);
      return text(
        "pending",
        `stage ${s.index}/${facts.stages.length}: ${s.title}${needed > 1 ? ` (${have}/${needed} approvals)` : ""}`,
      );
    }
    case "approved": {
      const roles = facts.stages.map((s) => s.role).join(", ");
      const via = facts.fastPath ? ` (fast path ${facts.fastPath})` : "";
      return text(
        "success",
        facts.stages.length === 0 ? `approved${via}: no review stage needed` : `approved${via}: ${roles}`,
      );
    }
  }
}
