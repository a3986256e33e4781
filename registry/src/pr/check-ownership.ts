import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { ChangeKind } from "./change-kind.ts";
import { touchedPaths, type AppDelta } from "./derive-app-delta.ts";
import { isMaintainer, maintainersOf } from "./manifest-fields.ts";

/**
 * Ownership rules (source of truth for the policy's input):
 * - `pr/not-maintainer` (error): the author changes an existing app but is not among the
 *   maintainers listed in its `app.yaml` on the BASE branch (a pull request cannot make
 *   its own author an owner). When the same pull request changes the maintainers, it is
 *   an ownership transfer that admins must approve: reported as a warning instead.
 * - `pr/version-into-foreign-app` (error): a non-maintainer adds a version to an existing
 *   app, even inside an ownership transfer (transfer first, publish after).
 * - `pr/not-maintainer` (error) for a new app whose author is not among its maintainers.
 * - `pr/author-unknown` (warning): no author was given, so nothing was checked.
 * - Admins (the base branch's policy `roles.admin.users`, plus `--admin`) may suspend,
 *   reinstate and delete any app without being its maintainers: a pull request whose
 *   changes to an app are only those kinds is not `pr/not-maintainer` when they author it.
 *   When the author is not a known admin (admins are often a team, which this check cannot
 *   read), it is `pr/takedown-by-non-maintainer` (warning): the review gate, which reads
 *   the admin team, refuses it unless the author is an admin (`review/review-facts.ts`).
 * GitHub logins compare case-insensitively.
 */
export function checkOwnership(
  apps: readonly AppDelta[],
  author: string | undefined,
  admins: readonly string[] = [],
): Diagnostic[] {
  return apps.flatMap((app) => {
    if (author === undefined) return unknownAuthor(app);
    if (app.isNew) return checkNewApp(app, author);
    if (
      app.kinds.length > 0 &&
      app.kinds.every((k) => TAKEDOWN_KINDS.includes(k)) &&
      !isMaintainer(author, maintainersOf(app.base?.data) ?? [])
    ) {
      return isMaintainer(author, admins) ? [] : [takedownByOther(app, author)];
    }
    return checkExistingApp(app, author);
  });
}

/** What admins may do to any app without being its maintainers (issue: admin takedown). */
const TAKEDOWN_KINDS: readonly ChangeKind[] = ["suspension", "reinstatement", "deletion"];

function checkNewApp(app: AppDelta, author: string): Diagnostic[] {
  const maintainers = maintainersOf(app.head?.data);
  if (!app.head || !maintainers || isMaintainer(author, maintainers)) return [];
  return [
    error(
      "pr/not-maintainer",
      app.head.file,
      app.head.locate(["maintainers"]),
      `@${author} submits the new app ${app.id} but is not among its maintainers (${list(maintainers)}); the author of a new app must be one of them`,
      `add ${author} to maintainers in ${app.head.file}`,
    ),
  ];
}

function checkExistingApp(app: AppDelta, author: string): Diagnostic[] {
  const owners = maintainersOf(app.base?.data) ?? [];
  if (isMaintainer(author, owners)) return [];
  const diagnostics: Diagnostic[] = [];
  for (const v of app.versions) {
    if (v.base || !v.paths.head) continue;
    diagnostics.push(
      error(
        "pr/version-into-foreign-app",
        v.paths.head,
        v.head?.locate(["version"]),
        `@${author} adds version ${v.version} (${v.delivery}) to ${app.id}, which belongs to ${list(owners)}; a pull request may not push a version into somebody else's app`,
        app.kinds.includes("ownership-transfer")
          ? "transfer the ownership in its own pull request first; publish versions once admins approved it"
          : `ask a maintainer of ${app.id} to submit this version`,
      ),
    );
  }
  const otherChanges =
    app.versions.some((v) => v.base) || app.files.length > 0 || app.manifest !== undefined || app.isDeleted;
  if (!otherChanges) return diagnostics;
  const file = app.manifest?.head ?? touchedPaths(app)[0] ?? `apps/${app.id}`;
  const at = app.manifest?.head && app.head ? app.head.locate(["maintainers"]) : undefined;
  const owned = `@${author} is not a maintainer of ${app.id} (maintainers on the base branch: ${list(owners)})`;
  if (app.kinds.includes("ownership-transfer")) {
    diagnostics.push(
      warning(
        "pr/not-maintainer",
        file,
        at,
        `${owned}; this pull request changes its maintainers, so it is an ownership transfer that admins must approve`,
      ),
    );
  } else {
    diagnostics.push(
      error(
        "pr/not-maintainer",
        file,
        at,
        `${owned}; only they may change it`,
        `ask a maintainer to submit the change, or propose an ownership transfer (change maintainers in apps/${app.id}/app.yaml) for admins to review`,
      ),
    );
  }
  return diagnostics;
}

function unknownAuthor(app: AppDelta): Diagnostic[] {
  const owners = maintainersOf((app.base ?? app.head)?.data) ?? [];
  const file = touchedPaths(app)[0] ?? `apps/${app.id}`;
  return [
    warning(
      "pr/author-unknown",
      file,
      undefined,
      `ownership of ${app.id} was not checked: no pull-request author was given (maintainers: ${list(owners)})`,
      "pass --author <login>",
    ),
  ];
}

function list(logins: readonly string[]): string {
  return logins.length === 0 ? "none listed" : logins.map((l) => `@${l}`).join(", ");
}

function takedownByOther(app: AppDelta, author: string): Diagnostic {
  const file = app.manifest?.head ?? touchedPaths(app)[0] ?? `apps/${app.id}`;
  return warning(
    "pr/takedown-by-non-maintainer",
    file,
    undefined,
    `@${author} is not a maintainer of ${app.id}: only an admin may ${app.kinds.map((k) => ({ suspension: "suspend", reinstatement: "reinstate", deletion: "delete" })[k as string] ?? k).join(" and ")} an app they do not maintain; the review gate checks that @${author} is one (the policy's admin role)`,
  );
}
