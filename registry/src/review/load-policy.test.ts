import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../test/temp-registry.ts";
import { parseReviewPolicy } from "./load-policy.ts";
import { POLICY_PATH } from "./review-policy.ts";

const MINIMAL = `formatVersion: 1
roles:
  business: { users: [ann] }
  technical: { teams: [acme/tech] }
  admin: { users: [root] }
stages:
  - { role: isv, title: provider review, approvals: 1, checklist: [own artifact] }
  - { role: business, title: business review, approvals: 1, checklist: [publisher] }
  - { role: technical, title: technical review, approvals: 1, checklist: [deploys] }
  - { role: admin, title: admin review, approvals: 2, checklist: [intended] }
changeKinds:
  new-app: [isv, business, technical]
  new-version: [isv, technical]
  metadata-edit: [business]
  suspension: [admin]
  reinstatement: [admin]
  deletion: [admin]
  ownership-transfer: [admin]
  registry-change: [admin]
`;

const problems = (text: string) =>
  parseReviewPolicy("policy.yaml", text).diagnostics.map(
    (d) => `${d.line}:${d.column} ${d.ruleId} ${d.message}${d.hint ? ` (${d.hint})` : ""}`,
  );

describe("review policy loading", () => {
  it("the repository's policy loads with the issue's defaults", () => {
    const { policy, diagnostics } = parseReviewPolicy(
      POLICY_PATH,
      readFileSync(path.join(REPO_ROOT, POLICY_PATH), "utf8"),
    );
    expect(diagnostics).toEqual([]);
    expect(policy?.changeKinds).toEqual({
      "new-app": ["isv", "business", "technical"],
      "new-version": ["isv", "technical"],
      "metadata-edit": ["business"],
      suspension: ["admin"],
      reinstatement: ["admin"],
      deletion: ["admin"],
      "ownership-transfer": ["admin"],
      "registry-change": ["admin"],
    });
    expect(policy?.stages.map((s) => [s.role, s.approvals])).toEqual([
      ["isv", 1],
      ["business", 1],
      ["technical", 1],
      ["admin", 2],
    ]);
    expect(policy?.options).toEqual({
      strictOrder: true,
      ignoreStaleApprovals: true,
      separationOfDuties: true,
      excludeMaintainers: true,
      selfAttestation: true,
      autoMerge: false,
    });
  });

  it("fills in the schema's defaults for what a policy leaves out", () => {
    const { policy } = parseReviewPolicy("policy.yaml", MINIMAL);
    expect(policy?.options).toEqual({
      strictOrder: true,
      ignoreStaleApprovals: true,
      separationOfDuties: true,
      excludeMaintainers: true,
      selfAttestation: true,
      autoMerge: false,
    });
    expect(policy?.fastPaths).toEqual([]);
    expect(policy?.roles.business).toEqual({ teams: [], users: ["ann"] });
  });

  it("schema problems point at the line, with a hint for a misspelt option", () => {
    expect(problems(`${MINIMAL}options:\n  strictOrdr: false\n`)).toEqual([
      "21:3 schema/unknown-property options: unknown property 'strictOrdr' (did you mean 'strictOrder'?)",
    ]);
    expect(problems(MINIMAL.replace("  deletion: [admin]\n", ""))).toEqual([
      "12:3 schema/required changeKinds is missing the required property 'deletion'",
    ]);
  });

  it("policy/duplicate-stage, policy/undeclared-stage, policy/no-holders", () => {
    const twice = MINIMAL.replace(
      "  - { role: admin, title: admin review",
      "  - { role: business, title: again, approvals: 1, checklist: [x] }\n  - { role: admin, title: admin review",
    );
    expect(problems(twice)).toEqual([
      "10:13 policy/duplicate-stage stages[3]: the role business already has a stage; each role approves once (merge the two stages into one)",
    ]);
    const noAdminStage = MINIMAL.replace(
      "  - { role: admin, title: admin review, approvals: 2, checklist: [intended] }\n",
      "",
    );
    expect(problems(noAdminStage)).toHaveLength(5);
    expect(problems(noAdminStage)[0]).toBe(
      "14:16 policy/undeclared-stage changeKinds.suspension needs the role admin, which has no stage (add a stage with role: admin to stages)",
    );
    expect(problems(MINIMAL.replace("business: { users: [ann] }", "business: {}"))).toEqual([
      "3:13 policy/no-holders roles.business lists no teams and no users, so nobody could approve the business stage (add a team ('org/team-slug') or a login)",
    ]);
  });
});
