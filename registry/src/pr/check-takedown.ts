import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import type { AppDelta } from "./derive-app-delta.ts";
import { fieldAt } from "./manifest-fields.ts";

/**
 * `pr/suspension-reason` (error): a pull request that suspends an app (`status: active ->
 * suspended`) or a version (`released -> suspended`) records why, when and by which pull
 * request in the same file: `suspension: { reason, date, pullRequest }`. The index, the
 * catalog, `appshelf show` and the client's refusal show it. When the pull request's
 * number is known (`--pr`), `pullRequest` must be it. Pure.
 */
export function checkSuspensionReasons(apps: readonly AppDelta[], pullRequest: number | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const app of apps) {
    if (
      app.head &&
      app.manifest &&
      app.kinds.includes("suspension") &&
      fieldAt(app.head.data, ["status"]) === "suspended"
    )
      diagnostics.push(...reasonOf(app.head, `the app ${app.id}`, pullRequest));
    for (const v of app.versions)
      if (v.head && v.kinds.includes("suspension"))
        diagnostics.push(...reasonOf(v.head, `version ${v.version} (${v.delivery}) of ${app.id}`, pullRequest));
  }
  return diagnostics;
}

function reasonOf(file: ParsedYaml, what: string, pullRequest: number | undefined): Diagnostic[] {
  const suspension = fieldAt(file.data, ["suspension"]);
  const reason = fieldAt(suspension, ["reason"]);
  const hint = `add suspension: { reason: "<why>", date: "YYYY-MM-DD", pullRequest: ${pullRequest ?? "<this pull request's number>"} } next to status`;
  if (typeof reason !== "string" || reason.trim() === "") {
    return [
      error(
        "pr/suspension-reason",
        file.file,
        file.locate(["status"]),
        `${what} is suspended without a reason: users, the catalog and clients are told why an app was taken down`,
        hint,
      ),
    ];
  }
  const number = fieldAt(suspension, ["pullRequest"]);
  if (pullRequest !== undefined && number !== pullRequest) {
    return [
      error(
        "pr/suspension-reason",
        file.file,
        file.locate(["suspension", "pullRequest"]),
        `the suspension of ${what} names pull request ${String(number)}, but this is #${pullRequest}`,
        `set suspension.pullRequest: ${pullRequest}`,
      ),
    ];
  }
  return [];
}
