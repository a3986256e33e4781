import type { CountedApproval, IgnoredApproval, StageProgress, StageUnit } from "./review-decision.ts";
import { byTime } from "./review-facts.ts";
import type { SnapshotReview } from "./review-snapshot.ts";
import type { PlanInputs } from "./stage-inputs.ts";
import { hasLogin, loginKey, type Role } from "./role.ts";

/** Progress of every needed stage, and the approvals that do not count. */
export interface StageEvaluation {
  stages: StageProgress[];
  ignored: IgnoredApproval[];
}

/**
 * Counts approvals stage by stage, in order (source of truth for the README's rules):
 * - An approval counts for a stage when its reviewer holds the stage's role (isv: is a
 *   maintainer of that app), and is not excluded (author, commit authors), and, with
 *   `ignoreStaleApprovals`, was given on the head commit, and, with `strictOrder`, was
 *   given when every earlier stage was already complete (not before the approval that
 *   completed the one before).
 * - With `separationOfDuties` an approval counts for one stage only: stages take their
 *   approvals in order, each preferring reviewers who hold no role of a later stage, then
 *   the earliest.
 * - The isv stage needs `approvals` from each app's maintainers; with `selfAttestation`
 *   the author who is an app's only maintainer attests it when the pull request is ready.
 * - A stage is complete when every unit has its approvals; it completed at the time of
 *   the last approval it needed.
 */
export function evaluateStages(inputs: PlanInputs): StageEvaluation {
  const { plan, options } = inputs;
  const used = new Map<string, Role>();
  const gates: (number | null)[] = [];
  let gate: number | null = Number.NEGATIVE_INFINITY;
  const stages: StageProgress[] = plan.stages.map((stage, i) => {
    gates.push(gate);
    const later = plan.stages.slice(i + 1).map((s) => s.role);
    const units: StageUnit[] = unitsOf(inputs, stage.role).map(({ app, holders }) => {
      if (
        stage.role === "isv" &&
        options.selfAttestation &&
        inputs.unknownContributors.length === 0 &&
        holders.length === 1 &&
        loginKey(holders[0] ?? "") === loginKey(inputs.author)
      ) {
        return {
          app,
          needed: stage.approvals,
          complete: true,
          approvals: [{ login: inputs.author, reviewId: null, at: inputs.readyAt, selfAttested: true }],
        };
      }
      const stageGate = gate;
      const candidates = inputs.approvals
        .filter((a) => counts(inputs, a) && hasLogin(holders, a.user))
        .filter((a) => !options.strictOrder || (stageGate !== null && Date.parse(a.submittedAt) >= stageGate))
        .filter((a) => !options.separationOfDuties || !used.has(loginKey(a.user)))
        .sort(
          (a, b) => Number(holdsAny(inputs, a.user, later)) - Number(holdsAny(inputs, b.user, later)) || byTime(a, b),
        );
      const approvals: CountedApproval[] = candidates
        .slice(0, stage.approvals)
        .map((a) => ({ login: a.user, reviewId: a.id, at: a.submittedAt, selfAttested: false }));
      return { app, needed: stage.approvals, approvals, complete: approvals.length >= stage.approvals };
    });
    const complete = units.length > 0 && units.every((u) => u.complete);
    const times = units.flatMap((u) => u.approvals.map((a) => Date.parse(a.at)));
    const completedAt = complete ? new Date(Math.max(...times)).toISOString().replace(".000Z", "Z") : null;
    for (const a of units.flatMap((u) => u.approvals))
      if (!a.selfAttested && !used.has(loginKey(a.login))) used.set(loginKey(a.login), stage.role);
    gate = complete && gate !== null ? Math.max(gate, Date.parse(completedAt ?? "")) : null;
    return {
      role: stage.role,
      title: stage.title,
      index: i + 1,
      units,
      complete,
      completedAt,
      checklist: stage.checklist,
      targetHours: stage.targetHours ?? null,
    };
  });
  const counted = new Set(stages.flatMap((s) => s.units.flatMap((u) => u.approvals.map((a) => a.reviewId))));
  const ignored: IgnoredApproval[] = inputs.approvals
    .filter((a) => !counted.has(a.id))
    .map((a) => ({ login: a.user, reviewId: a.id, reason: whyIgnored(inputs, a, gates) }));
  if (options.separationOfDuties) ignored.push(...countedElsewhere(inputs, stages));
  return { stages, ignored };
}

/**
 * The units of a stage and who may approve each: per app for isv, else the role's holders
 * (for business and technical, without the touched apps' maintainers: `excludeMaintainers`).
 */
function unitsOf(inputs: PlanInputs, role: Role): { app: string | null; holders: string[] }[] {
  if (role === "isv") return inputs.plan.isvApps.map((app) => ({ app, holders: inputs.maintainers.get(app) ?? [] }));
  const ownApp = role === "business" || role === "technical";
  return [
    {
      app: null,
      holders: inputs.roles[role].filter((login) => !(ownApp && inputs.appMaintainers.has(loginKey(login)))),
    },
  ];
}

function counts(inputs: PlanInputs, a: SnapshotReview): boolean {
  return (
    !inputs.excluded.has(loginKey(a.user)) && !(inputs.options.ignoreStaleApprovals && a.commitId !== inputs.headSha)
  );
}

/** The login holds one of `roles` (for isv: maintains one of the isv apps). */
export function holdsAny(inputs: PlanInputs, login: string, roles: readonly Role[]): boolean {
  return roles.some((role) => unitsOf(inputs, role).some((u) => hasLogin(u.holders, login)));
}

/** Approvals counted for one stage whose reviewers also hold the role of a stage still waiting: one person, one stage. */
function countedElsewhere(inputs: PlanInputs, stages: readonly StageProgress[]): IgnoredApproval[] {
  return stages.flatMap((s) =>
    s.units.flatMap((u) =>
      u.approvals.flatMap((a) =>
        a.selfAttested || a.reviewId === null
          ? []
          : stages
              .filter((t) => t !== s && !t.complete && holdsAny(inputs, a.login, [t.role]))
              .map((t) => ({
                login: a.login,
                reviewId: a.reviewId ?? 0,
                reason: "counted-for-another-stage" as const,
                role: t.role,
              })),
      ),
    ),
  );
}

function whyIgnored(
  inputs: PlanInputs,
  a: SnapshotReview,
  gates: readonly (number | null)[],
): IgnoredApproval["reason"] {
  const excluded = inputs.excluded.get(loginKey(a.user));
  if (excluded) return excluded;
  if (inputs.options.ignoreStaleApprovals && a.commitId !== inputs.headSha) return "stale";
  if (
    inputs.appMaintainers.has(loginKey(a.user)) &&
    inputs.plan.stages.some(
      (s) => (s.role === "business" || s.role === "technical") && hasLogin(inputs.roles[s.role], a.user),
    )
  )
    return "maintainer";
  const held = inputs.plan.stages.flatMap((s, i) => (holdsAny(inputs, a.user, [s.role]) ? [i] : []));
  if (held.length === 0) return "no-role";
  const at = Date.parse(a.submittedAt);
  if (
    inputs.options.strictOrder &&
    held.every((i) => {
      const g = gates[i];
      return g === null || g === undefined || at < g;
    })
  )
    return "out-of-order";
  return "not-needed";
}
