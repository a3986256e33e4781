import { evaluateStages, holdsAny } from "./evaluate-stages.ts";
import { planStages } from "./plan-stages.ts";
import { planActions } from "./plan-actions.ts";
import { renderComment } from "./render-comment.ts";
import {
  STATUS_CONTEXT,
  type IgnoredApproval,
  type Rejection,
  type ReviewDecision,
  type ReviewState,
  type StageProgress,
} from "./review-decision.ts";
import { deriveReviewFacts, type ReviewFacts } from "./review-facts.ts";
import { reviewLabels } from "./review-labels.ts";
import type { ReviewPolicy } from "./review-policy.ts";
import type { ReviewSnapshot } from "./review-snapshot.ts";
import { describeStatus } from "./review-status.ts";
import type { PlanInputs } from "./stage-inputs.ts";
import { hasLogin, loginKey, type Role } from "./role.ts";

/**
 * The review gate's decision for one pull request: pure, deterministic and idempotent
 * (the same snapshot and policy always give the same decision; applying its actions and
 * reading again gives a decision with no actions). States, in order of precedence:
 * 1. `draft` (or `withdrawn` when converted back to draft after somebody other than the
 *    author reviewed it, read from the timeline);
 * 2. `invalid` when the pull-request check failed or its result does not match the files;
 * 3. `checking` while there is no result for the head commit;
 * 4. `rejected` while a reviewer who holds a needed role (and is not excluded) has
 *    changes requested as their latest review;
 * 5. `in-review` at the first stage not complete (`evaluate-stages.ts`), or `approved`.
 * Who is asked next: strict order, the current stage's reviewers; otherwise every
 * incomplete stage's. A stage past its `targetHours` (from when it became current) is
 * overdue: labelled `review:overdue` and its reviewers asked again once.
 */
export function decide(snapshot: ReviewSnapshot, policy: ReviewPolicy): ReviewDecision {
  const pr = snapshot.pullRequest;
  const facts = deriveReviewFacts(snapshot, policy.options.separationOfDuties);
  const known = facts.check !== "pending";
  const plan = known
    ? planStages(policy, facts, snapshot.apps, pr.author)
    : { stages: [], isvApps: [], fastPath: null };
  const inputs: PlanInputs = {
    plan,
    options: policy.options,
    author: pr.author,
    headSha: pr.headSha,
    readyAt: pr.readyAt,
    approvals: facts.approvals,
    excluded: facts.excluded,
    unknownContributors: facts.unknownContributors,
    appMaintainers: new Set(
      policy.options.excludeMaintainers
        ? snapshot.apps.flatMap((a) => [...a.maintainers, ...(a.headMaintainers ?? [])]).map(loginKey)
        : [],
    ),
    maintainers: new Map(snapshot.apps.map((a) => [a.id, a.maintainers])),
    roles: snapshot.roles,
  };
  const evaluation = evaluateStages(inputs);
  const stages = evaluation.stages;
  const rejections = known ? blockingRejections(facts, inputs, stages) : [];
  const state = stateOf(pr.draft, facts, rejections, stages);
  evaluation.ignored.push(
    ...facts.late
      .filter((r) => r.state === "APPROVED")
      .map((r) => ({ login: r.user, reviewId: r.id, reason: "after-merge" as const })),
  );
  const current = stages.find((s) => !s.complete);
  const stage =
    state === "in-review" && current
      ? { role: current.role, title: current.title, index: current.index, count: stages.length }
      : null;
  const waitingSince =
    state === "in-review" && current
      ? latest([pr.readyAt, ...stages.filter((s) => s.index < current.index).map((s) => s.completedAt ?? pr.readyAt)])
      : null;
  const overdue =
    waitingSince &&
    current?.targetHours &&
    Date.parse(snapshot.now) - Date.parse(waitingSince) > current.targetHours * 3_600_000
      ? { role: current.role, targetHours: current.targetHours, since: waitingSince }
      : null;
  const asked =
    state === "in-review"
      ? policy.options.strictOrder
        ? stages.filter((s) => s === current)
        : stages.filter((s) => !s.complete)
      : [];
  const next = whoIsNext(policy, inputs, asked);
  const fastPath = plan.fastPath?.name ?? null;
  const ignored = dedupeIgnored(evaluation.ignored);
  const status = { context: STATUS_CONTEXT, ...describeStatus({ state, stages, current, rejections, fastPath }) };
  const labels = reviewLabels(state, stage?.role ?? null, facts.kinds, fastPath, overdue !== null);
  const autoMerge = state === "approved" && (policy.options.autoMerge || plan.fastPath?.autoMerge === true);
  const reasons = state === "draft" || state === "withdrawn" ? [] : facts.reasons;
  // Render reports only from a result the gate reads for this head commit (see deriveReviewFacts).
  const renders = known && facts.check !== "failed" ? (snapshot.check.result?.renders ?? []) : [];
  const body = {
    state,
    stage,
    stages,
    kinds: facts.kinds,
    apps: facts.apps,
    fastPath,
    reasons,
    rejections,
    ignored,
    waitingSince,
    overdue,
    next,
    ...(renders.length > 0 ? { renders } : {}),
  };
  const comment = renderComment({ ...body, baseRef: pr.baseRef });
  return {
    ...body,
    status,
    labels,
    autoMerge,
    comment,
    actions: planActions(snapshot, { status, labels, next, overdue: overdue !== null, autoMerge, comment }),
  };
}

function stateOf(
  draft: boolean,
  facts: ReviewFacts,
  rejections: readonly Rejection[],
  stages: readonly StageProgress[],
): ReviewState {
  if (draft) return facts.withdrawn ? "withdrawn" : "draft";
  if (facts.check === "failed") return "invalid";
  if (facts.check === "pending") return "checking";
  if (rejections.length > 0) return "rejected";
  return stages.every((s) => s.complete) ? "approved" : "in-review";
}

/** Latest change requests by reviewers who hold a needed role and are not excluded, oldest first. */
function blockingRejections(facts: ReviewFacts, inputs: PlanInputs, stages: readonly StageProgress[]): Rejection[] {
  return facts.changeRequests.flatMap((r) => {
    if (facts.excluded.has(loginKey(r.user))) return [];
    const stage = stages.find((s) => holdsAny(inputs, r.user, [s.role]));
    return stage ? [{ login: r.user, role: stage.role, reviewId: r.id, at: r.submittedAt, words: r.body }] : [];
  });
}

/** The reviewers of the stages asked: isv, the maintainers still needed; others, the role's teams, else its users. */
function whoIsNext(
  policy: ReviewPolicy,
  inputs: PlanInputs,
  asked: readonly StageProgress[],
): { users: string[]; teams: string[] } {
  const users = new Map<string, string>();
  const teams = new Set<string>();
  const approvedAlready = (login: string) =>
    inputs.approvals.some((a) => loginKey(a.user) === loginKey(login) && a.commitId === inputs.headSha);
  for (const stage of asked) {
    if (stage.role === "isv") {
      for (const unit of stage.units.filter((u) => !u.complete && u.app !== null)) {
        for (const login of inputs.maintainers.get(unit.app ?? "") ?? []) {
          if (
            !inputs.excluded.has(loginKey(login)) &&
            loginKey(login) !== loginKey(inputs.author) &&
            !approvedAlready(login)
          )
            users.set(loginKey(login), login);
        }
      }
      continue;
    }
    const holders = policy.roles[stage.role as Exclude<Role, "isv">];
    if (holders.teams.length > 0) for (const t of holders.teams) teams.add(t);
    else
      for (const login of holders.users)
        if (!inputs.excluded.has(loginKey(login)) && !hasLogin([inputs.author], login))
          users.set(loginKey(login), login);
  }
  return { users: [...users.values()].sort(), teams: [...teams].sort() };
}

function dedupeIgnored(list: readonly IgnoredApproval[]): IgnoredApproval[] {
  const seen = new Map<string, IgnoredApproval>();
  for (const i of list) seen.set(`${loginKey(i.login)}\u0000${i.reason}\u0000${i.role ?? ""}`, i);
  return [...seen.values()].sort(
    (a, b) =>
      loginKey(a.login).localeCompare(loginKey(b.login)) ||
      a.reason.localeCompare(b.reason) ||
      (a.role ?? "").localeCompare(b.role ?? ""),
  );
}

function latest(times: readonly string[]): string {
  return [...times].sort((a, b) => Date.parse(a) - Date.parse(b))[times.length - 1] ?? "";
}
