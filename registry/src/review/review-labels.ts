import type { ChangeKind } from "../pr/change-kind.ts";
import type { ReviewState } from "./review-decision.ts";
import type { Role } from "./role.ts";

/** Label prefixes the gate owns: labels starting with them are added and removed by it alone. */
export const MANAGED_LABEL_PREFIXES: readonly string[] = ["review:", "stage:", "kind:", "fast-path:"];

/** The label marking a stage past its time target; while present, the stage is not asked again. */
export const OVERDUE_LABEL = "review:overdue";

/**
 * The gate's labels for a decision, sorted: `review:<state>`, `stage:<role>` while in
 * review, `kind:<kind>` per change kind, `fast-path:<name>`, and `review:overdue`.
 */
export function reviewLabels(
  state: ReviewState,
  stage: Role | null,
  kinds: readonly ChangeKind[],
  fastPath: string | null,
  overdue: boolean,
): string[] {
  const labels = [`review:${state}`, ...kinds.map((k) => `kind:${k}`)];
  if (stage) labels.push(`stage:${stage}`);
  if (fastPath) labels.push(`fast-path:${fastPath}`);
  if (overdue) labels.push(OVERDUE_LABEL);
  return [...new Set(labels)].sort();
}

/** True for a label the gate manages. */
export function isManagedLabel(label: string): boolean {
  return MANAGED_LABEL_PREFIXES.some((p) => label.startsWith(p));
}
