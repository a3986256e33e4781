import type { ReviewRecord } from "./review-record.ts";

/**
 * What the review gate decided for one change to a version (shape:
 * `schema/reviews.schema.json#/$defs/gateOutcome`):
 * - `approved`: merged through the gate; `record` says who approved which stage, when;
 * - `not-approved`: merged while the gate had not approved it (an admin bypass), said plainly;
 * - `none`: no pull request brought the change (committed directly, or before the gate existed).
 */
export type GateOutcome =
  | { gate: "approved"; record: ReviewRecord }
  | { gate: "not-approved"; pullRequest: number; url: string; mergeCommit: string; reason: string }
  | { gate: "none"; commit: string | null; reason: string };

/** The review history of one version, written into the shard as `versions[].review`. */
export interface VersionReview {
  /** The pull request that added the version file. */
  release: GateOutcome;
  /** Later merged changes to the version file (e.g. its suspension), oldest first. */
  changes: GateOutcome[];
}

/** The review ledger (`schema/reviews.schema.json`): every version's review history by {@link reviewKey}. */
export interface ReviewLedger {
  formatVersion: 1;
  versions: Record<string, VersionReview>;
}

/** Ledger key of a version: `<app id>/<delivery>/<version>`, as its file `apps/<id>/versions/<delivery>/<version>.yaml`. */
export function reviewKey(appId: string, delivery: string, version: string): string {
  return `${appId}/${delivery}/${version}`;
}

/** The ledger key of a version file path (`apps/<id>/versions/<delivery>/<version>.yaml`), or undefined for any other path. */
export function reviewKeyOfPath(path: string): string | undefined {
  const m = /^apps\/([^/]+)\/versions\/([^/]+)\/([^/]+)\.yaml$/.exec(path);
  return m ? reviewKey(m[1] ?? "", m[2] ?? "", m[3] ?? "") : undefined;
}

/** The outcome stated for a version the ledger does not cover: the build was given a ledger, and this version is not in it. */
export function unrecordedVersion(key: string): VersionReview {
  return {
    release: { gate: "none", commit: null, reason: `the review ledger holds no record of ${key}` },
    changes: [],
  };
}
