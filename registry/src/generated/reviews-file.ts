/**
 * Generated from schema/reviews.schema.json by `npm run gen:types` (codegen/schema-types.ts): do not edit.
 * registry/test/codegen/ fails when this file and the schema drift apart.
 */
import type { ReviewRecord } from "./review-record.ts";

/**
 * What the review gate decided for one change: 'approved' with the review record; 'not-approved' when the pull request was merged while the gate had not approved it; 'none' when no pull request brought the change (committed directly, or before the gate existed).
 *
 * This interface was referenced by `ReviewsFile`'s JSON-Schema
 * via the `definition` "gateOutcome".
 */
export type GateOutcome =
  | {
      gate: "approved";
      record: ReviewRecord;
    }
  | {
      gate: "not-approved";
      pullRequest: number;
      url: string;
      mergeCommit: string;
      reason: string;
    }
  | {
      gate: "none";
      /**
       * The commit that made the change, when known.
       */
      commit: string | null;
      reason: string;
    };

/**
 * How each version came to be: the review of the pull request that added its version file, and of every later merged pull request that changed it (e.g. its suspension). Written by 'appshelf review-records' in the publish job (GitHub) or by the lifecycle demo (simulated GitHub); 'appshelf build --reviews' copies each entry into the shard as versions[].review (registry/src/review/version-review.ts).
 */
export interface ReviewsFile {
  formatVersion: 1;
  /**
   * Keyed '<app id>/<delivery>/<version>', as the version file apps/<id>/versions/<delivery>/<version>.yaml.
   */
  versions: {
    [k: string]: VersionReview;
  };
}
/**
 * The review history of one version: its release, then later changes, oldest first.
 *
 * This interface was referenced by `ReviewsFile`'s JSON-Schema
 * via the `definition` "versionReview".
 */
export interface VersionReview {
  release: GateOutcome;
  changes: GateOutcome[];
}
