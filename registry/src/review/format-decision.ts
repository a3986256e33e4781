import type { ReviewDecision } from "./review-decision.ts";

/**
 * A decision as terminal text: state and stage, the commit status, labels, who is asked,
 * the actions to take, then the comment.
 */
export function formatDecisionText(decision: ReviewDecision): string {
  const a = decision.actions;
  const list = (items: readonly string[]) => (items.length === 0 ? "-" : items.join(", "));
  const stage = decision.stage
    ? ` (stage ${decision.stage.index}/${decision.stage.count}: ${decision.stage.title})`
    : "";
  return [
    `state: ${decision.state}${stage}`,
    `status: ${decision.status.context} ${decision.status.state} "${decision.status.description}"`,
    `labels: ${list(decision.labels)}`,
    `asks: ${list([...decision.next.teams, ...decision.next.users].map((l) => `@${l}`))}`,
    `actions: status ${a.setStatus ? "set" : "unchanged"}; labels +[${a.addLabels.join(", ")}] -[${a.removeLabels.join(", ")}]; request [${[...a.requestReviewers.teams, ...a.requestReviewers.users].join(", ")}]; re-request [${[...a.rerequestReviewers.teams, ...a.rerequestReviewers.users].join(", ")}]; comment ${a.comment.kind}; auto-merge ${a.enableAutoMerge ? "enable" : "unchanged"}`,
    "",
    decision.comment.trimEnd(),
  ].join("\n");
}
