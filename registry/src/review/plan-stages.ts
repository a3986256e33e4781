import type { ChangeKind } from "../pr/change-kind.ts";
import type { ReviewFacts } from "./review-facts.ts";
import type { FastPath, ReviewPolicy, StagePolicy } from "./review-policy.ts";
import type { SnapshotApp } from "./review-snapshot.ts";
import { loginKey, type Role } from "./role.ts";

/** The stages a pull request needs. */
export interface StagePlan {
  /** Needed stages in policy order. */
  stages: StagePolicy[];
  /** Apps whose maintainers must approve the isv stage. */
  isvApps: string[];
  fastPath: FastPath | null;
}

/**
 * The stages a pull request's change kinds need: the union of `changeKinds[kind]` in the
 * policy's stage order, or the stages of the first fast path that matches. The isv stage
 * is per app: it covers the apps whose own kinds need isv (every touched app under a fast
 * path); with no such app it is dropped. No kinds at all (nothing classified) needs the
 * stages of `registry-change`. A new version whose artifact moved to another host (the check's
 * `sourceChanges`, from a trusted result) needs the business stage too and takes no fast path. Unknown contributors (no linked account) rule
 * out fast paths that rest on the author being the sole maintainer.
 */
export function planStages(
  policy: ReviewPolicy,
  facts: ReviewFacts,
  apps: readonly SnapshotApp[],
  author: string,
): StagePlan {
  const kinds: ChangeKind[] = facts.kinds.length > 0 ? facts.kinds : ["registry-change"];
  const sourceReview = facts.sourceChanges.length > 0;
  const eligible = policy.fastPaths.filter(
    (fast) => !sourceReview && !(fast.authorIsSoleMaintainer && facts.unknownContributors.length > 0),
  );
  const fastPath = eligible.find((fast) => matchesFastPath(fast, kinds, apps, author)) ?? null;
  const roles = new Set<Role>(fastPath ? fastPath.stages : kinds.flatMap((k) => policy.changeKinds[k]));
  if (sourceReview && policy.stages.some((s) => s.role === "business")) roles.add("business");
  const needsIsv = (id: string) => (facts.appKinds.get(id) ?? []).some((k) => policy.changeKinds[k].includes("isv"));
  const isvApps = !roles.has("isv") ? [] : fastPath ? [...facts.apps] : facts.apps.filter(needsIsv);
  if (isvApps.length === 0) roles.delete("isv");
  return { stages: policy.stages.filter((s) => roles.has(s.role)), isvApps, fastPath };
}

/** Every condition of the fast path holds (see `schema/review-policy.schema.json`, fastPaths). */
export function matchesFastPath(
  fast: FastPath,
  kinds: readonly ChangeKind[],
  apps: readonly SnapshotApp[],
  author: string,
): boolean {
  if (!kinds.every((k) => fast.kinds.includes(k))) return false;
  if ((fast.authorIsSoleMaintainer || fast.appsReleased) && apps.length === 0) return false;
  if (
    fast.authorIsSoleMaintainer &&
    !apps.every((a) => a.onBase && a.maintainers.length === 1 && loginKey(a.maintainers[0] ?? "") === loginKey(author))
  )
    return false;
  if (fast.appsReleased && !apps.every((a) => a.onBase && a.active)) return false;
  return true;
}
