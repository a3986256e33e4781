import type { StagePlan } from "./plan-stages.ts";
import type { PolicyOptions } from "./review-policy.ts";
import type { Exclusion } from "./review-facts.ts";
import type { SnapshotReview } from "./review-snapshot.ts";

/** What counting approvals needs, gathered by `decide.ts` from the snapshot, facts and policy. */
export interface PlanInputs {
  plan: StagePlan;
  options: PolicyOptions;
  author: string;
  headSha: string;
  /** When the pull request became ready: the time of a self-attestation. */
  readyAt: string;
  /** Effective approvals (latest per reviewer), oldest first. */
  approvals: readonly SnapshotReview[];
  /** Lowercase logins whose approvals never count. */
  excluded: ReadonlyMap<string, Exclusion>;
  /** Contributors with no linked account: no self-attestation while there are any. */
  unknownContributors: readonly string[];
  /** Lowercase logins who maintain a touched app (base or head): with `excludeMaintainers`, they never count for business or technical. */
  appMaintainers: ReadonlySet<string>;
  /** Maintainers per app id. */
  maintainers: ReadonlyMap<string, string[]>;
  /** Holders of the policy roles. */
  roles: { business: string[]; technical: string[]; admin: string[] };
}
