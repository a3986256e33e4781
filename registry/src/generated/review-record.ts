/**
 * Generated from schema/review-record.schema.json by `npm run gen:types` (codegen/schema-types.ts): do not edit.
 * registry/test/codegen/ fails when this file and the schema drift apart.
 */

/**
 * How a released version was reviewed: the stages its pull request passed, who approved each and when, the pull request and the merge commit (registry/src/review/review-record.ts). Meant for the shard as versions[].review; read from GitHub by the publish step (registry/src/github/read-review-record.ts).
 */
export interface ReviewRecord {
  /**
   * Pull request number.
   */
  pullRequest: number;
  /**
   * Web page of the pull request.
   */
  url: string;
  /**
   * The merge commit on the base branch.
   */
  mergeCommit: string;
  /**
   * When it was merged, ISO 8601 UTC.
   */
  mergedAt: string;
  /**
   * The fast path it took, or null.
   */
  fastPath: string | null;
  /**
   * The gate approved the pull request at the merge time; false for a merge that bypassed the gate (only reviews before the merge count).
   */
  approved: boolean;
  /**
   * The gate's state at the merge time.
   */
  state: "draft" | "withdrawn" | "checking" | "invalid" | "rejected" | "in-review" | "approved";
  /**
   * Why it was not approved at the merge, in plain words; empty when approved.
   *
   * Items: One reason.
   */
  reasons: string[];
  /**
   * Every needed stage, in order, with the approvals that counted by the merge.
   *
   * Items: One stage.
   */
  stages: {
    /**
     * The role that approved it.
     */
    role: "isv" | "business" | "technical" | "admin";
    /**
     * The stage's name, e.g. 'business review'.
     */
    title: string;
    /**
     * It had every approval it needed by the merge.
     */
    complete: boolean;
    /**
     * The approvals that counted.
     *
     * Items: One approval.
     */
    approvals: {
      /**
       * The approver.
       */
      login: string;
      /**
       * When, ISO 8601 UTC.
       */
      at: string;
      /**
       * GitHub review id; null for a self-attestation.
       */
      reviewId: number | null;
      /**
       * The author attested the isv stage as the app's only maintainer.
       */
      selfAttested: boolean;
      /**
       * For isv: the app this approval is for; else null.
       */
      app: string | null;
    }[];
  }[];
}
