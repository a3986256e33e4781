import { readFirstParentChanges } from "../git/read-first-parent-changes.ts";
import { planReviewLedger } from "../review/plan-review-ledger.ts";
import type { GateOutcome, ReviewLedger, VersionReview } from "../review/version-review.ts";

/** Where the review facts of merged pull requests come from: GitHub in the publish job, the simulated GitHub in the lifecycle demo. */
export interface ReviewSource {
  /** The merged pull request whose merge (or squash) is `commit` on the base branch, if any. */
  pullRequestOf(commit: string): Promise<number | undefined>;
  /** The gate's decision at merge for merged pull request `number` (merged as `commit`). */
  outcomeOf(number: number, commit: string): Promise<GateOutcome>;
}

/**
 * The review ledger of a registry: for every version file on `ref`'s first-parent
 * history, the gate outcome of the pull request that added it and of those that changed
 * it since. A commit no pull request brought is stated as `none`. Each pull request is read
 * once, and not at all when `previous` (see `reusableOutcomes`: an earlier publish's
 * outcomes by the commit they were decided for) holds its commit: a merged pull request's
 * outcome at its merge commit never changes.
 *
 * @throws Error when Git fails, or the source fails (a network error must stop the publish:
 *   a version is never published as "not reviewed" because GitHub could not be read)
 */
export async function collectReviewLedger(
  root: string,
  ref: string,
  source: ReviewSource,
  previous: ReadonlyMap<string, GateOutcome> = new Map(),
): Promise<ReviewLedger> {
  const plan = planReviewLedger(await readFirstParentChanges(root, ref, "apps"));
  const outcomes = new Map<string, Promise<GateOutcome>>(
    [...previous].map(([commit, outcome]) => [commit, Promise.resolve(outcome)]),
  );
  const outcomeOf = (commit: string): Promise<GateOutcome> => {
    let found = outcomes.get(commit);
    if (!found) {
      found = (async (): Promise<GateOutcome> => {
        const number = await source.pullRequestOf(commit);
        if (number === undefined)
          return { gate: "none", commit, reason: "committed to the base branch without a pull request" };
        return source.outcomeOf(number, commit);
      })();
      outcomes.set(commit, found);
    }
    return found;
  };
  const versions: Record<string, VersionReview> = {};
  for (const key of [...plan.versions.keys()].sort()) {
    const entry = plan.versions.get(key);
    if (!entry) continue;
    versions[key] = { release: await outcomeOf(entry.added), changes: await Promise.all(entry.changed.map(outcomeOf)) };
  }
  return { formatVersion: 1, versions };
}
