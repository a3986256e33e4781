/**
 * A review role; its value is what users see (labels `stage:<role>`, the commit status,
 * the summary comment). Source of truth for who holds it: `.github/appshelf/review-policy.yaml`
 * (business, technical, admin) and the app's `app.yaml` maintainers (isv).
 *
 * - `isv`: the app's provider (its maintainers) checks its own submission.
 * - `business`: checks the publisher's credentials, description and usage notes.
 * - `technical`: test-deploys the app and checks its configuration.
 * - `admin`: suspensions, reinstatements, deletions, ownership transfers, registry changes.
 */
export type Role = "isv" | "business" | "technical" | "admin";

/** Roles held through the policy's teams and users (isv comes from the maintainers). */
export type PolicyRole = Exclude<Role, "isv">;

/** The roles the policy lists holders for, in the order they are shown. */
export const POLICY_ROLES: readonly PolicyRole[] = ["business", "technical", "admin"];

/** Lowercase form of a GitHub login: logins compare case-insensitively. */
export function loginKey(login: string): string {
  return login.toLowerCase();
}

/** True when `login` is in `logins`, ignoring case. */
export function hasLogin(logins: readonly string[], login: string): boolean {
  const key = loginKey(login);
  return logins.some((l) => loginKey(l) === key);
}
