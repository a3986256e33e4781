import { sortKinds, type ChangeKind } from "../pr/change-kind.ts";
import { placePath } from "../pr/place-path.ts";
import type { ReviewSnapshot, SnapshotReview } from "./review-snapshot.ts";
import { loginKey } from "./role.ts";

/** What the pull-request check says, as far as the gate trusts it. */
export type CheckVerdict = "passed" | "failed" | "pending";

/** Facts derived from a snapshot: the same snapshot always gives the same facts. */
export interface ReviewFacts {
  /** Logins (lowercase) whose approvals never count, and why. */
  excluded: ReadonlyMap<string, "author" | "commit-author">;
  check: CheckVerdict;
  /** Plain-words reasons for the check verdict and for distrusting the result. */
  reasons: string[];
  /** The check's kinds, plus `registry-change` when GitHub lists a path outside `apps/<id>/`; empty while pending. */
  kinds: ChangeKind[];
  /** Kinds per touched app, from the check's result. */
  appKinds: ReadonlyMap<string, ChangeKind[]>;
  /** Touched app ids from GitHub's file list, sorted. */
  apps: string[];
  /** Latest effective review per reviewer that is an approval, oldest first. */
  approvals: SnapshotReview[];
  /** Latest effective review per reviewer that requests changes, oldest first. */
  changeRequests: SnapshotReview[];
  /** Somebody other than the author submitted a review. */
  reviewBegan: boolean;
}

/**
 * Derives the facts of a snapshot. Rules (source of truth for the README):
 * - Latest review per reviewer wins, among APPROVED, CHANGES_REQUESTED and DISMISSED
 *   (a later comment does not undo an approval, as on GitHub); a dismissed review counts
 *   for nothing. Ties in time are broken by review id.
 * - With separation of duties, the author's and every commit author's approvals never count.
 * - The check's result counts only for the current head commit. GitHub's own file list
 *   is trusted; the result file is produced by the pull request's code, so a pull
 *   request that changes anything outside `apps/<id>/` is always a `registry-change`
 *   (admins), whatever its result says, and the result's apps must be GitHub's.
 */
export function deriveReviewFacts(snapshot: ReviewSnapshot, separationOfDuties: boolean): ReviewFacts {
  const pr = snapshot.pullRequest;
  const excluded = new Map<string, "author" | "commit-author">();
  if (separationOfDuties) {
    for (const login of snapshot.commitAuthors) excluded.set(loginKey(login), "commit-author");
    excluded.set(loginKey(pr.author), "author");
  }
  const paths = snapshot.files.flatMap((f) => (f.previousPath === undefined ? [f.path] : [f.path, f.previousPath]));
  const places = paths.map((p) => ({ path: p, place: placePath(p) }));
  const apps = [...new Set(places.flatMap(({ place }) => (place.role === "registry" ? [] : [place.app])))].sort();
  const registryPaths = [...new Set(places.filter(({ place }) => place.role === "registry").map(({ path }) => path))].sort();
  const verdict = judgeCheck(snapshot, apps);
  const reasons = [...verdict.reasons];
  const result = verdict.check === "pending" ? null : snapshot.check.result;
  let kinds: ChangeKind[] = result?.kinds ?? [];
  if (registryPaths.length > 0) {
    kinds = sortKinds([...kinds, "registry-change"]);
    reasons.push(`it changes files outside apps/<id>/ (${shortList(registryPaths)}), so it is a registry change for admins, and the check's result, produced by the pull request's own code, is not trusted`);
  }
  const effective = latestReviews(snapshot.reviews);
  return {
    excluded,
    check: verdict.check,
    reasons,
    kinds: verdict.check === "pending" ? [] : kinds,
    appKinds: new Map((result?.apps ?? []).map((a) => [a.id, a.kinds])),
    apps,
    approvals: effective.filter((r) => r.state === "APPROVED"),
    changeRequests: effective.filter((r) => r.state === "CHANGES_REQUESTED"),
    reviewBegan: snapshot.reviews.some((r) => r.state !== "PENDING" && loginKey(r.user) !== loginKey(pr.author)),
  };
}

/** Orders reviews by submission time, then id. */
export function byTime(a: { submittedAt: string; id: number }, b: { submittedAt: string; id: number }): number {
  return Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id;
}

function latestReviews(reviews: readonly SnapshotReview[]): SnapshotReview[] {
  const latest = new Map<string, SnapshotReview>();
  for (const review of [...reviews].sort(byTime)) {
    if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED" || review.state === "DISMISSED") latest.set(loginKey(review.user), review);
  }
  return [...latest.values()].filter((r) => r.state !== "DISMISSED").sort(byTime);
}

function judgeCheck(snapshot: ReviewSnapshot, apps: readonly string[]): { check: CheckVerdict; reasons: string[] } {
  const { conclusion, result } = snapshot.check;
  const head = snapshot.pullRequest.headSha.slice(0, 7);
  const current = result !== null && result.headSha === snapshot.pullRequest.headSha ? result : null;
  if (conclusion === "failure") return { check: "failed", reasons: [`the pull-request check failed on ${head}${current ? ` (${current.errors} errors)` : ""}`] };
  if (current && !current.ok) return { check: "failed", reasons: [`the pull-request check found ${current.errors} errors on ${head}`] };
  if (!current) {
    if (conclusion === "pending") return { check: "pending", reasons: [`the pull-request check is running on ${head}`] };
    if (conclusion === "missing") return { check: "pending", reasons: [`the pull-request check has not run on ${head} yet`] };
    return { check: "pending", reasons: [`the pull-request check passed on ${head}, but its result (artifact pr-check) could not be read: re-run the check`] };
  }
  const listed = [...new Set(current.apps.map((a) => a.id))].sort();
  if (listed.join(",") !== apps.join(",")) {
    return { check: "failed", reasons: [`the check's result names the apps [${listed.join(", ")}] but the pull request touches [${apps.join(", ")}]: re-run the pull-request check`] };
  }
  return { check: "passed", reasons: [] };
}

function shortList(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(", ") : `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
}
