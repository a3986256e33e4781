import type { GateOutcome, ReviewLedger } from "../review/version-review.ts";

/** A full Git commit id (40 or 64 lowercase hex digits). */
const COMMIT = /^(?:[0-9a-f]{40}|[0-9a-f]{64})$/;

/**
 * The commit a gate outcome was decided for, as the outcome itself states it: an approved
 * merge's `record.mergeCommit`, a merge the gate did not approve's `mergeCommit`, a commit
 * without a pull request's `commit`. Undefined when it names none (an unrecorded version). Pure.
 */
export function commitOfOutcome(outcome: GateOutcome): string | undefined {
  const commit =
    outcome.gate === "approved"
      ? outcome.record.mergeCommit
      : outcome.gate === "not-approved"
        ? outcome.mergeCommit
        : (outcome.commit ?? undefined);
  return commit !== undefined && COMMIT.test(commit) ? commit : undefined;
}

/**
 * The outcomes of an earlier review ledger that the next one may reuse, by base-branch
 * commit. A merged pull request's gate outcome at its merge commit never changes (the record
 * is the gate's decision at merge time), so each is taken only for the very commit it states
 * (see {@link commitOfOutcome}): a commit the earlier ledger names under another commit is
 * simply read again. "No pull request brought this commit" (`none`) is never reused: GitHub
 * may not yet list a pull request merged a moment ago, and that answer must not stick; it
 * costs one request per such commit. When two outcomes state one commit differently,
 * neither is reused. Pure.
 *
 * Source of the rule: issue 19 ("the publish job's review records reuse what an earlier
 * publish already read").
 */
export function reusableOutcomes(previous: ReviewLedger): Map<string, GateOutcome> {
  const found = new Map<string, GateOutcome>();
  const conflicting = new Set<string>();
  for (const review of Object.values(previous.versions)) {
    for (const outcome of [review.release, ...review.changes]) {
      const commit = commitOfOutcome(outcome);
      if (commit === undefined || outcome.gate === "none") continue;
      const seen = found.get(commit);
      if (seen && JSON.stringify(seen) !== JSON.stringify(outcome)) conflicting.add(commit);
      else found.set(commit, outcome);
    }
  }
  for (const commit of conflicting) found.delete(commit);
  return found;
}
