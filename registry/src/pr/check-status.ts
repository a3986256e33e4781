import { warning, type Diagnostic, type Position } from "../report/diagnostic.ts";
import type { AppDelta } from "./derive-app-delta.ts";
import { stringAt } from "./manifest-fields.ts";

/**
 * `pr/status-change` (warning): a reinstatement, i.e. an app going `suspended -> active`
 * or a version `suspended -> released`. A suspension is how maintainers pull their own
 * release and passes silently (classified `suspension`); bringing back what was suspended
 * needs an admin, who may have suspended it for a reason, so the policy routes
 * `reinstatement` to admins and this warning says so on the line.
 */
export function checkStatusChanges(apps: readonly AppDelta[]): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const app of apps) {
    if (app.manifest && app.base && app.head && isReinstated(app.base.data, app.head.data, "active")) {
      diagnostics.push(
        reinstated(app.head.file, app.head.locate(["status"]), `app ${app.id} goes from suspended back to active`),
      );
    }
    for (const v of app.versions) {
      if (v.head && v.kinds.includes("reinstatement")) {
        diagnostics.push(
          reinstated(
            v.head.file,
            v.head.locate(["status"]),
            `version ${v.version} (${v.delivery}) of ${app.id} goes from suspended back to released`,
          ),
        );
      }
    }
  }
  return diagnostics;
}

function reinstated(file: string, at: Position, what: string): Diagnostic {
  return warning("pr/status-change", file, at, `${what}; reinstating what was suspended needs an admin's approval`);
}

function isReinstated(base: unknown, head: unknown, live: string): boolean {
  return stringAt(base, ["status"]) === "suspended" && stringAt(head, ["status"]) === live;
}
