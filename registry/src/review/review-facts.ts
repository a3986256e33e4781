import { sortKinds, type ChangeKind } from "../pr/change-kind.ts";
import { placePath } from "../pr/place-path.ts";
import { deriveFileKinds } from "./derive-file-kinds.ts";
import type { ReviewSnapshot, SnapshotReview, SourceChange } from "./review-snapshot.ts";
import { hasLogin, loginKey } from "./role.ts";

/** What the pull-request check says, as far as the gate trusts it. */
export type CheckVerdict = "passed" | "failed" | "pending";

/** Facts derived from a snapshot: the same snapshot always gives the same facts. */
export interface ReviewFacts {
  /** Logins (lowercase) whose approvals never count, and why. */
  excluded: ReadonlyMap<string, Exclusion>;
  /** Contributors no GitHub account is linked to: they block self-attestation and sole-maintainer fast paths. */
  unknownContributors: string[];
  /** New versions whose artifact moved to another host (trusted result only): business reviews them, no fast path. */
  sourceChanges: (SourceChange & { app: string })[];
  /** The check's result is not trusted: kinds come from GitHub's file list as well. */
  untrusted: boolean;
  check: CheckVerdict;
  /** Plain-words reasons for the check verdict and for distrusting the result. */
  reasons: string[];
  /** The check's kinds, plus `registry-change` when GitHub lists a path outside `apps/<id>/`; empty while pending. */
  kinds: ChangeKind[];
  /** Kinds per touched app, from the check's result (and GitHub's file list when the result is not trusted). */
  appKinds: ReadonlyMap<string, ChangeKind[]>;
  /** Touched app ids from GitHub's file list, sorted. */
  apps: string[];
  /** Latest effective review per reviewer that is an approval, oldest first. */
  approvals: SnapshotReview[];
  /** Latest effective review per reviewer that requests changes, oldest first. */
  changeRequests: SnapshotReview[];
  /** Somebody other than the author submitted a review. */
  reviewBegan: boolean;
  /** Converted back to draft after somebody other than the author reviewed it (from the timeline; without one, any review of a draft). */
  withdrawn: boolean;
  /** Reviews submitted after `now` (for a review record: after the merge): they count for nothing. */
  late: SnapshotReview[];
}

/** Why somebody's approvals never count (separation of duties). */
export type Exclusion = "author" | "commit-author" | "co-author";

/**
 * Derives the facts of a snapshot. Rules (source of truth for the README):
 * - Only reviews submitted by `now` count (a review record is judged at the merge time,
 *   so approvals given after the merge are left out).
 * - Latest review per reviewer wins, among APPROVED, CHANGES_REQUESTED and DISMISSED
 *   (a later comment does not undo an approval, as on GitHub); a dismissed review counts
 *   for nothing. Ties in time are broken by review id.
 * - With separation of duties, the author's, every commit author's and every
 *   `Co-authored-by` co-author's approvals never count; contributors with no linked
 *   account are unknown people (`unknownContributors`), named in the reasons.
 * - The check's result counts only for the current head commit. GitHub's own file list
 *   is trusted; the result file is produced by the pull request's code, so a pull
 *   request that changes anything outside `apps/<id>/` is always a `registry-change`
 *   (admins), whatever its result says, and the result's apps must be GitHub's. Such a
 *   result may add kinds but never remove one: the kinds GitHub's file list implies
 *   (`derive-file-kinds.ts`) are added, so the plan is the union.
 * - Withdrawn: a draft whose timeline has a `convert_to_draft` after a review by somebody
 *   other than the author; a draft never marked ready is a draft, reviewed or not.
 */
export function deriveReviewFacts(snapshot: ReviewSnapshot, separationOfDuties: boolean): ReviewFacts {
  const pr = snapshot.pullRequest;
  const excluded = new Map<string, Exclusion>();
  if (separationOfDuties) {
    for (const login of snapshot.coAuthors ?? []) excluded.set(loginKey(login), "co-author");
    for (const login of snapshot.commitAuthors) excluded.set(loginKey(login), "commit-author");
    excluded.set(loginKey(pr.author), "author");
  }
  const now = Date.parse(snapshot.now);
  const inTime = snapshot.reviews.filter((r) => Date.parse(r.submittedAt) <= now);
  const late = snapshot.reviews.filter((r) => Date.parse(r.submittedAt) > now).sort(byTime);
  const paths = snapshot.files.flatMap((f) => (f.previousPath === undefined ? [f.path] : [f.path, f.previousPath]));
  const places = paths.map((p) => ({ path: p, place: placePath(p) }));
  const apps = [...new Set(places.flatMap(({ place }) => (place.role === "registry" ? [] : [place.app])))].sort();
  const registryPaths = [
    ...new Set(places.filter(({ place }) => place.role === "registry").map(({ path }) => path)),
  ].sort();
  const verdict = judgeCheck(snapshot, apps);
  const reasons = [...verdict.reasons];
  const takedown = verdict.check === "passed" ? takedownByOutsider(snapshot) : null;
  if (takedown) {
    verdict.check = "failed";
    reasons.push(takedown);
  }
  const result = verdict.check === "pending" ? null : snapshot.check.result;
  let kinds: ChangeKind[] = result?.kinds ?? [];
  const appKinds = new Map((result?.apps ?? []).map((a) => [a.id, a.kinds]));
  const untrusted = registryPaths.length > 0;
  if (untrusted) {
    const fromFiles = deriveFileKinds(snapshot.files, snapshot.apps);
    for (const [app, list] of fromFiles) appKinds.set(app, sortKinds([...(appKinds.get(app) ?? []), ...list]));
    kinds = sortKinds([...kinds, ...[...fromFiles.values()].flat(), "registry-change"]);
    reasons.push(
      `it changes files outside apps/<id>/ (${shortList(registryPaths)}), so it is a registry change for admins, and the check's result, produced by the pull request's own code, is not trusted: its change kinds come from GitHub's file list as well (${kinds.join(", ")})`,
    );
  }
  const sourceChanges = untrusted
    ? []
    : (result?.apps ?? []).flatMap((a) => (a.sourceChanges ?? []).map((c) => ({ ...c, app: a.id })));
  for (const c of sourceChanges)
    reasons.push(
      `${c.app} ${c.version} downloads from ${c.host}, not from ${c.previousHosts.join(", ") || "the hosts of its released versions"}: a changed source needs the business review`,
    );
  const unknownContributors = [...new Set(snapshot.unknownContributors ?? [])].sort();
  if (unknownContributors.length > 0)
    reasons.push(
      `commits are by or co-authored by ${unknownContributors.join(", ")}, whom no GitHub account is linked to: they count as unknown people who could be reviewers, so nobody attests a stage alone and no sole-maintainer fast path applies`,
    );
  const effective = latestReviews(inTime);
  const reviewBegan = inTime.some((r) => r.state !== "PENDING" && loginKey(r.user) !== loginKey(pr.author));
  return {
    excluded,
    unknownContributors,
    sourceChanges,
    untrusted,
    check: verdict.check,
    reasons,
    kinds: verdict.check === "pending" ? [] : kinds,
    appKinds,
    apps,
    approvals: effective.filter((r) => r.state === "APPROVED"),
    changeRequests: effective.filter((r) => r.state === "CHANGES_REQUESTED"),
    reviewBegan,
    withdrawn: pr.draft && isWithdrawn(snapshot, inTime),
    late,
  };
}

/** What admins alone may do to an app they do not maintain. */
const TAKEDOWN: readonly ChangeKind[] = ["suspension", "reinstatement", "deletion"];
const VERB: Partial<Record<ChangeKind, string>> = {
  suspension: "suspend",
  reinstatement: "reinstate",
  deletion: "delete",
};

/**
 * Why the pull request is invalid when its author takes down (suspends, reinstates,
 * deletes) an app they do not maintain without holding the admin role (read from the
 * policy's teams now); null otherwise. Uses the check's kinds per app (check-pr leaves this
 * to the gate as `pr/takedown-by-non-maintainer`, as it cannot read teams).
 */
function takedownByOutsider(snapshot: ReviewSnapshot): string | null {
  const author = snapshot.pullRequest.author;
  if (hasLogin(snapshot.roles.admin, author)) return null;
  for (const a of snapshot.check.result?.apps ?? []) {
    const app = snapshot.apps.find((x) => x.id === a.id);
    if (
      !app?.onBase ||
      a.kinds.length === 0 ||
      !a.kinds.every((k) => TAKEDOWN.includes(k)) ||
      hasLogin(app.maintainers, author)
    )
      continue;
    return `@${author} is neither a maintainer of ${a.id} nor an admin: only admins may ${a.kinds.map((k) => VERB[k] ?? k).join(" and ")} an app they do not maintain`;
  }
  return null;
}

/** A draft converted back after review began; without a recorded timeline, any review of a draft. */
function isWithdrawn(snapshot: ReviewSnapshot, reviews: readonly SnapshotReview[]): boolean {
  const author = loginKey(snapshot.pullRequest.author);
  const byOthers = reviews
    .filter((r) => r.state !== "PENDING" && loginKey(r.user) !== author)
    .map((r) => Date.parse(r.submittedAt));
  const timeline = snapshot.pullRequest.timeline;
  if (timeline === undefined) return byOthers.length > 0;
  const converted = timeline.filter((e) => e.event === "convert_to_draft").map((e) => Date.parse(e.at));
  return converted.some((at) => byOthers.some((reviewed) => reviewed <= at));
}

/** Orders reviews by submission time, then id. */
export function byTime(a: { submittedAt: string; id: number }, b: { submittedAt: string; id: number }): number {
  return Date.parse(a.submittedAt) - Date.parse(b.submittedAt) || a.id - b.id;
}

function latestReviews(reviews: readonly SnapshotReview[]): SnapshotReview[] {
  const latest = new Map<string, SnapshotReview>();
  for (const review of [...reviews].sort(byTime)) {
    if (review.state === "APPROVED" || review.state === "CHANGES_REQUESTED" || review.state === "DISMISSED")
      latest.set(loginKey(review.user), review);
  }
  return [...latest.values()].filter((r) => r.state !== "DISMISSED").sort(byTime);
}

function judgeCheck(snapshot: ReviewSnapshot, apps: readonly string[]): { check: CheckVerdict; reasons: string[] } {
  const { conclusion, result } = snapshot.check;
  const head = snapshot.pullRequest.headSha.slice(0, 7);
  const current = result !== null && result.headSha === snapshot.pullRequest.headSha ? result : null;
  if (conclusion === "failure")
    return {
      check: "failed",
      reasons: [`the pull-request check failed on ${head}${current ? ` (${current.errors} errors)` : ""}`],
    };
  if (current && !current.ok)
    return { check: "failed", reasons: [`the pull-request check found ${current.errors} errors on ${head}`] };
  if (!current) {
    if (conclusion === "pending")
      return { check: "pending", reasons: [`the pull-request check is running on ${head}`] };
    if (conclusion === "missing")
      return { check: "pending", reasons: [`the pull-request check has not run on ${head} yet`] };
    return {
      check: "pending",
      reasons: [
        `the pull-request check passed on ${head}, but its result (artifact pr-check) could not be read: re-run the check`,
      ],
    };
  }
  const listed = [...new Set(current.apps.map((a) => a.id))].sort();
  if (listed.join(",") !== apps.join(",")) {
    return {
      check: "failed",
      reasons: [
        `the check's result names the apps [${listed.join(", ")}] but the pull request touches [${apps.join(", ")}]: re-run the pull-request check`,
      ],
    };
  }
  return { check: "passed", reasons: [] };
}

function shortList(paths: readonly string[]): string {
  return paths.length <= 3 ? paths.join(", ") : `${paths.slice(0, 3).join(", ")} and ${paths.length - 3} more`;
}
