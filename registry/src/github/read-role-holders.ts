import type { Octokit } from "octokit";
import type { ReviewPolicy } from "../review/review-policy.ts";
import type { ReviewSnapshot } from "../review/review-snapshot.ts";
import { POLICY_ROLES } from "../review/role.ts";
import { httpStatusOf } from "./create-octokit.ts";

/**
 * The holders of business, technical and admin: the members of the policy's teams
 * (`GET /orgs/{org}/teams/{slug}/members`, paginated; each team read once) and its
 * listed users, sorted. Membership is read now: somebody who left a team no longer counts.
 *
 * @throws Error naming the team when it cannot be read; Actions' GITHUB_TOKEN cannot read
 *   organization teams, so the workflow passes a token with members read access
 */
export async function readRoleHolders(octokit: Octokit, policy: ReviewPolicy): Promise<ReviewSnapshot["roles"]> {
  const members = new Map<string, string[]>();
  const readTeam = async (team: string): Promise<string[]> => {
    const known = members.get(team);
    if (known) return known;
    const [org = "", slug = ""] = team.split("/");
    try {
      const list = await octokit.paginate(octokit.rest.teams.listMembersInOrg, { org, team_slug: slug, per_page: 100 });
      const logins = list.map((m) => m.login);
      members.set(team, logins);
      return logins;
    } catch (error) {
      const status = httpStatusOf(error);
      throw new Error(
        `cannot read the members of team ${team} (HTTP ${status ?? "error"}): the token needs organization members read access (set APPSHELF_REVIEW_TOKEN, see README, Review)`,
      );
    }
  };
  const roles: ReviewSnapshot["roles"] = { business: [], technical: [], admin: [] };
  for (const role of POLICY_ROLES) {
    const holders = policy.roles[role];
    const logins = new Set(holders.users);
    for (const team of holders.teams) for (const login of await readTeam(team)) logins.add(login);
    roles[role] = [...logins].sort();
  }
  return roles;
}
