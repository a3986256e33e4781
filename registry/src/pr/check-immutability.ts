import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { AppDelta, VersionDelta } from "./derive-app-delta.ts";
import { artifactFileOf, fieldAt, stringAt } from "./manifest-fields.ts";

/** Fields of a version that never change once it is on the base branch (dotted prefixes). */
export const IMMUTABLE_VERSION_FIELDS: readonly string[] = ["version", "delivery", "chart", "artifact"];

/**
 * Immutability of released versions. "Released" means present on the base branch, with
 * status `released` or `suspended` (a suspended version was released, and may be
 * reinstated: its artifact must still be the one users vetted).
 * - `pr/released-version-changed` (error): its version, delivery, chart or any
 *   `artifact` field changed, its file was renamed, or its in-repo artifact file
 *   (`artifact.path`) was modified, renamed or deleted. Only `status` (and descriptive
 *   fields such as the changelog) may change.
 * - `pr/released-version-deleted` (warning): the version file was deleted. Classified
 *   `deletion`, which the review policy routes to admins; a warning rather than an error
 *   because an admin may legitimately delete (legal takedown, malware), and the policy,
 *   not this check, decides who may.
 */
export function checkImmutability(apps: readonly AppDelta[], base: ReadonlyMap<string, ParsedYaml>): Diagnostic[] {
  return apps.flatMap((app) => [
    ...app.versions.flatMap(checkVersion),
    ...(app.isNew ? [] : checkInRepoArtifacts(app, base)),
  ]);
}

function checkVersion(v: VersionDelta): Diagnostic[] {
  if (!v.base || v.base.data === undefined) return [];
  // Named as it is on the base branch: that is the version users installed.
  const name = `${statusWord(v.base.data)} version ${stringAt(v.base.data, ["version"]) ?? v.version} (${stringAt(v.base.data, ["delivery"]) ?? v.delivery})`;
  if (v.paths.head === undefined) {
    return [
      warning(
        "pr/released-version-deleted",
        v.base.file,
        undefined,
        `${name} of ${v.app} is deleted: whoever installed it loses its source. Deleting a published version is a deletion that needs an admin's approval`,
        "to stop new installs, set status: suspended instead of deleting the file",
      ),
    ];
  }
  if (!v.head || v.head.data === undefined) return [];
  const head = v.head;
  const fields = v.changed.filter((f) => IMMUTABLE_VERSION_FIELDS.some((p) => f === p || f.startsWith(`${p}.`)));
  const diagnostics = fields.map((field) => fieldChanged(name, v, head, field));
  if (v.paths.base !== v.paths.head && !fields.includes("version") && !fields.includes("delivery")) {
    diagnostics.push(
      error(
        "pr/released-version-changed",
        head.file,
        undefined,
        `${name} was moved from ${v.paths.base} to ${head.file}; a released version never changes`,
        `restore ${v.paths.base}; publish a new build as a new version file`,
      ),
    );
  }
  return diagnostics;
}

function fieldChanged(name: string, v: VersionDelta, head: ParsedYaml, field: string): Diagnostic {
  const path = field.split(".");
  const before = show(fieldAt(v.base?.data, path));
  const after = show(fieldAt(head.data, path));
  const hint = `restore ${field} as it is on the base branch and publish the new build as a new version (a new file in apps/${v.app}/versions/${v.delivery}/)`;
  if (field === "artifact.sha256") {
    return error(
      "pr/released-version-changed",
      head.file,
      head.locate(path),
      `the sha256 of ${name} changed from ${before} to ${after}. A released artifact never changes: swapping the digest of a published version is how supply-chain attacks ship new code under a version users already trust`,
      hint,
    );
  }
  return error(
    "pr/released-version-changed",
    head.file,
    head.locate(path),
    `${field} of ${name} changed from ${before} to ${after}; the version, delivery, chart and artifact of a released version never change`,
    hint,
  );
}

function checkInRepoArtifacts(app: AppDelta, base: ReadonlyMap<string, ParsedYaml>): Diagnostic[] {
  const deleted = new Set(app.versions.filter((v) => v.paths.head === undefined).map((v) => v.paths.base));
  const prefix = `apps/${app.id}/versions/`;
  const released = [...base.values()].filter((p) => p.file.startsWith(prefix) && !deleted.has(p.file));
  return app.files.flatMap((file) => {
    if (file.base === undefined) return [];
    const owners = released.filter((p) => artifactFileOf(app.id, p.data) === file.base);
    if (owners.length === 0) return [];
    const how = file.head === undefined ? "deleted" : file.head !== file.base ? `renamed to ${file.head}` : "modified";
    const names = owners
      .map(
        (p) =>
          `${statusWord(p.data)} version ${stringAt(p.data, ["version"]) ?? "?"} (${stringAt(p.data, ["delivery"]) ?? "?"})`,
      )
      .join(", ");
    return [
      error(
        "pr/released-version-changed",
        file.head ?? file.base,
        undefined,
        `${file.base} is the artifact of ${names} and was ${how}; a released artifact never changes, or installs of that version would get different content than was reviewed`,
        `restore ${file.base}; put the new content in a new file and publish it as a new version`,
      ),
    ];
  });
}

function statusWord(data: unknown): string {
  return stringAt(data, ["status"]) === "suspended" ? "suspended" : "released";
}

function show(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = typeof value === "string" ? `'${value}'` : JSON.stringify(value);
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}
