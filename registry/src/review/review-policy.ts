import type { ChangeKind } from "../pr/change-kind.ts";
import type { PolicyRole, Role } from "./role.ts";

/**
 * The review policy, as `.github/appshelf/review-policy.yaml` holds it after defaults are
 * filled in. Shape and meaning of every field: `schema/review-policy.schema.json` (the
 * source of truth); this type mirrors it and `load-policy.ts` checks the file against it.
 */
export interface ReviewPolicy {
  formatVersion: 1;
  /** Holders of business, technical and admin; isv is held by the app's maintainers. */
  roles: Record<PolicyRole, RoleHolders>;
  /** Stages in the order they happen; each role at most once. */
  stages: StagePolicy[];
  /** The roles whose stages each change kind needs (every kind is listed). */
  changeKinds: Record<ChangeKind, Role[]>;
  options: PolicyOptions;
  /** Checked in order; the first that matches replaces the stages. */
  fastPaths: FastPath[];
}

/** Who holds a role: members of GitHub teams (`org/slug`) and listed logins. */
export interface RoleHolders {
  teams: string[];
  users: string[];
}

/** One review stage. */
export interface StagePolicy {
  role: Role;
  /** e.g. `business review`; shown in the commit status and comment. */
  title: string;
  /** Distinct approvals needed (for isv: per app, from its maintainers). */
  approvals: number;
  /** Review time target in hours from when the stage became current; absent = none. */
  targetHours?: number;
  /** What the reviewer must check, one Markdown line each. */
  checklist: string[];
}

/** How approvals count; defaults (schema) in brackets. */
export interface PolicyOptions {
  /** [true] An approval counts only if given after the earlier stages were complete. */
  strictOrder: boolean;
  /** [true] Only approvals of the current head commit count. */
  ignoreStaleApprovals: boolean;
  /** [true] One person counts for one stage; author and commit authors never count. */
  separationOfDuties: boolean;
  /** [true] An app's maintainers (base and head) never count for its business or technical stage. */
  excludeMaintainers: boolean;
  /** [true] The author who is an app's only maintainer attests its isv stage. */
  selfAttestation: boolean;
  /** [false] Enable GitHub auto-merge once the gate passes. */
  autoMerge: boolean;
}

/** A low-risk change that needs fewer stages. */
export interface FastPath {
  name: string;
  description?: string;
  /** Every change kind of the pull request must be among these. */
  kinds: ChangeKind[];
  /** [false] The author is the only maintainer (on the base branch) of every touched app. */
  authorIsSoleMaintainer: boolean;
  /** [false] Every touched app is present and active on the base branch. */
  appsReleased: boolean;
  /** The stages needed instead, in policy order. */
  stages: Role[];
  /** [false] Enable auto-merge when this fast path's pull request passes. */
  autoMerge: boolean;
}

/** Repo path of the policy file, read from the base branch. */
export const POLICY_PATH = ".github/appshelf/review-policy.yaml";
