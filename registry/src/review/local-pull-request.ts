/**
 * A pull request held in memory, standing in for GitHub in local replays (the lifecycle
 * demo; the scenario tests' idempotence check): it turns its state into a review snapshot
 * and takes a decision's actions back, as GitHub would after the gate applied them.
 */
import type { ReviewDecision } from "./review-decision.ts";
import type { ReviewSnapshot, SnapshotReview } from "./review-snapshot.ts";

/** What GitHub would show after the gate applied `decision` to `snapshot`. */
export function applyDecision(snapshot: ReviewSnapshot, decision: ReviewDecision): ReviewSnapshot {
  const a = decision.actions;
  const pr = snapshot.pullRequest;
  const slug = (team: string) => team.split("/")[1] ?? team;
  return {
    ...snapshot,
    pullRequest: {
      ...pr,
      labels: [...pr.labels.filter((l) => !a.removeLabels.includes(l)), ...a.addLabels].sort(),
      requestedUsers: [
        ...new Set([...pr.requestedUsers, ...a.requestReviewers.users, ...a.rerequestReviewers.users]),
      ].sort(),
      requestedTeams: [
        ...new Set([
          ...pr.requestedTeams,
          ...a.requestReviewers.teams.map(slug),
          ...a.rerequestReviewers.teams.map(slug),
        ]),
      ].sort(),
      autoMerge: pr.autoMerge || a.enableAutoMerge,
    },
    comment: { id: snapshot.comment?.id ?? 9001, body: decision.comment },
    status: { state: decision.status.state, description: decision.status.description },
  };
}

/** A local pull request: a snapshot that changes as people act on it. */
export class LocalPullRequest {
  snapshot: ReviewSnapshot;
  #nextReview = 1;

  constructor(snapshot: ReviewSnapshot) {
    this.snapshot = snapshot;
  }

  /** A review on the current head, as GitHub stores it (the reviewer's pending request is dropped). */
  review(user: string, state: SnapshotReview["state"], at: string, body = ""): void {
    const s = this.snapshot;
    const review: SnapshotReview = {
      id: s.pullRequest.number * 1000 + this.#nextReview++,
      user,
      state,
      commitId: s.pullRequest.headSha,
      submittedAt: at,
      body,
    };
    this.snapshot = {
      ...s,
      reviews: [...s.reviews, review],
      pullRequest: { ...s.pullRequest, requestedUsers: s.pullRequest.requestedUsers.filter((u) => u !== user) },
    };
  }

  /** Changes fields of the snapshot (draft flag, check, clock). */
  update(
    change: Omit<Partial<ReviewSnapshot>, "pullRequest"> & { pullRequest?: Partial<ReviewSnapshot["pullRequest"]> },
  ): void {
    this.snapshot = {
      ...this.snapshot,
      ...change,
      pullRequest: { ...this.snapshot.pullRequest, ...change.pullRequest },
    };
  }

  /** Takes the gate's actions, as GitHub would. */
  apply(decision: ReviewDecision): void {
    this.snapshot = applyDecision(this.snapshot, decision);
  }
}
