import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { CHANGE_KINDS } from "../pr/change-kind.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import type { ReviewPolicy } from "./review-policy.ts";
import { POLICY_ROLES } from "./role.ts";

/**
 * Rules of a review policy beyond its schema:
 * - `policy/duplicate-stage`: a role has two stages (a stage is "the role's approval").
 * - `policy/undeclared-stage`: a change kind or fast path needs a role that has no stage.
 * - `policy/no-holders`: a stage's role (business, technical, admin) has no teams and no
 *   users, so nobody could ever approve it.
 */
export function checkPolicyRules(policy: ReviewPolicy, parsed: ParsedYaml): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const declared = new Set<string>();
  policy.stages.forEach((stage, i) => {
    if (declared.has(stage.role)) {
      diagnostics.push(
        error(
          "policy/duplicate-stage",
          parsed.file,
          parsed.locate(["stages", i, "role"]),
          `stages[${i}]: the role ${stage.role} already has a stage; each role approves once`,
          "merge the two stages into one",
        ),
      );
    }
    declared.add(stage.role);
  });
  const undeclared = (role: string, path: (string | number)[], where: string) => {
    if (!declared.has(role)) {
      diagnostics.push(
        error(
          "policy/undeclared-stage",
          parsed.file,
          parsed.locate(path),
          `${where} needs the role ${role}, which has no stage`,
          `add a stage with role: ${role} to stages`,
        ),
      );
    }
  };
  for (const kind of CHANGE_KINDS)
    policy.changeKinds[kind].forEach((role, i) => undeclared(role, ["changeKinds", kind, i], `changeKinds.${kind}`));
  policy.fastPaths.forEach((fast, f) =>
    fast.stages.forEach((role, i) => undeclared(role, ["fastPaths", f, "stages", i], `fast path ${fast.name}`)),
  );
  for (const role of POLICY_ROLES) {
    const holders = policy.roles[role];
    if (declared.has(role) && holders.teams.length === 0 && holders.users.length === 0) {
      diagnostics.push(
        error(
          "policy/no-holders",
          parsed.file,
          parsed.locate(["roles", role]),
          `roles.${role} lists no teams and no users, so nobody could approve the ${role} stage`,
          "add a team ('org/team-slug') or a login",
        ),
      );
    }
  }
  return diagnostics;
}
