import type { GateOutcome, VersionReview } from "../../../registry/src/site-api.ts";
import type { AppVersion } from "./types.ts";

export type { GateOutcome, VersionReview };

/** The review history of a version as the page lists it: release first, then later changes; empty when the index has no review record for it. */
export function reviewEntries(version: AppVersion): { kind: "release" | "change"; outcome: GateOutcome }[] {
  const review = version.review;
  if (!review) return [];
  return [
    { kind: "release" as const, outcome: review.release },
    ...review.changes.map((outcome) => ({ kind: "change" as const, outcome })),
  ];
}

/** The pull request web page of an outcome, if it has one. */
export function pullRequestUrl(outcome: GateOutcome): string | undefined {
  if (outcome.gate === "approved") return outcome.record.url;
  if (outcome.gate === "not-approved") return outcome.url;
  return undefined;
}
