import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { sortKinds, type ChangeKind } from "./change-kind.ts";
import type { AppChangeSet, SidePaths, VersionPaths } from "./group-changes.ts";
import { artifactFileOf, changedFields, maintainersOf, sameLogins, stringAt } from "./manifest-fields.ts";
import type { PrFacts } from "./pr-facts.ts";

/** One changed version file, both sides, and what the change is. */
export interface VersionDelta {
  app: string;
  /** From the file's path (head side, else base side). */
  delivery: string;
  version: string;
  paths: SidePaths;
  /** Content at the merge base; absent for a new file (or an unreadable one). */
  base?: ParsedYaml;
  /** Content at head; absent for a deleted file or one that did not parse. */
  head?: ParsedYaml;
  /** `new-version`, `deletion`, `suspension`, `reinstatement` and/or `metadata-edit`. */
  kinds: ChangeKind[];
  /** Dotted fields that differ when both sides parsed, e.g. `["artifact.sha256", "status"]`. */
  changed: string[];
}

/** Everything a pull request does to one app, classified. */
export interface AppDelta {
  id: string;
  /** `app.yaml` at the merge base; absent when the app is new. Its maintainers own the app. */
  base?: ParsedYaml;
  /** `app.yaml` at head, when present and parsed. */
  head?: ParsedYaml;
  /** No `app.yaml` at the merge base, and the folder exists at head. */
  isNew: boolean;
  /** `app.yaml` existed at the merge base and is gone at head. */
  isDeleted: boolean;
  /** The app's kinds in canonical order; just `new-app` for a new app. */
  kinds: ChangeKind[];
  versions: VersionDelta[];
  /** Paths of `app.yaml`, when it changed. */
  manifest?: SidePaths;
  /** Other changed files of the app folder. */
  files: SidePaths[];
}

/**
 * Classifies one app's changes (rules in `change-kind.ts`): app status and maintainers
 * transitions from `app.yaml`, version additions, deletions and status transitions, and
 * edits. A file added as the in-repo artifact of a new version is part of that version.
 */
export function deriveAppDelta(set: AppChangeSet, facts: PrFacts): AppDelta {
  const manifestPath = `apps/${set.id}/app.yaml`;
  const base = facts.base.get(manifestPath);
  const head = facts.head.get(manifestPath);
  const isNew = base === undefined && facts.headAppIds.includes(set.id);
  const isDeleted =
    base !== undefined &&
    (!facts.headAppIds.includes(set.id) || (set.manifest !== undefined && set.manifest.head === undefined));
  const versions = set.versions.map((v) => deriveVersionDelta(set.id, v, facts));
  const kinds = new Set<ChangeKind>();
  if (isNew) kinds.add("new-app");
  else {
    if (isDeleted) kinds.add("deletion");
    else if (set.manifest) for (const k of manifestKinds(base, head)) kinds.add(k);
    for (const v of versions) for (const k of v.kinds) kinds.add(k);
    const newArtifacts = new Set(versions.filter((v) => !v.base).map((v) => artifactFileOf(set.id, v.head?.data)));
    const isNewArtifact = (f: SidePaths) => f.base === undefined && f.head !== undefined && newArtifacts.has(f.head);
    if (set.files.some((f) => !isNewArtifact(f))) kinds.add("metadata-edit");
  }
  const delta: AppDelta = { id: set.id, isNew, isDeleted, kinds: sortKinds(kinds), versions, files: set.files };
  if (base) delta.base = base;
  if (head) delta.head = head;
  if (set.manifest) delta.manifest = set.manifest;
  return delta;
}

/** Every path the pull request changed in the app (head side, else base side), manifest first. */
export function touchedPaths(app: AppDelta): string[] {
  const sides = [...(app.manifest ? [app.manifest] : []), ...app.versions.map((v) => v.paths), ...app.files];
  return sides.flatMap((s) => {
    const path = s.head ?? s.base;
    return path === undefined ? [] : [path];
  });
}

function manifestKinds(base: ParsedYaml | undefined, head: ParsedYaml | undefined): ChangeKind[] {
  if (base?.data === undefined || head?.data === undefined) return ["metadata-edit"];
  const kinds: ChangeKind[] = [];
  const before = maintainersOf(base.data) ?? [];
  const after = maintainersOf(head.data) ?? [];
  // A new code-signing certificate (`nextcloud.certificate`) hands the app's signing identity to whoever holds its key: an ownership-class change.
  const certificateChanged =
    stringAt(base.data, ["nextcloud", "certificate"])?.trim() !==
    stringAt(head.data, ["nextcloud", "certificate"])?.trim();
  if (!sameLogins(before, after) || certificateChanged) kinds.push("ownership-transfer");
  kinds.push(...statusKinds(stringAt(base.data, ["status"]), stringAt(head.data, ["status"]), "active"));
  // A reordered maintainers list is an edit, not a transfer.
  const ownership = kinds.includes("ownership-transfer");
  const others = changedFields(base.data, head.data).filter(
    (f) =>
      !isStatusField(f) &&
      !(
        ownership &&
        (f === "maintainers" || (certificateChanged && (f === "nextcloud" || f === "nextcloud.certificate")))
      ),
  );
  if (others.length > 0) kinds.push("metadata-edit");
  return kinds;
}

function deriveVersionDelta(app: string, paths: VersionPaths, facts: PrFacts): VersionDelta {
  const base = paths.base === undefined ? undefined : facts.base.get(paths.base);
  const head = paths.head === undefined ? undefined : facts.head.get(paths.head);
  const sides: SidePaths = {};
  if (paths.base !== undefined) sides.base = paths.base;
  if (paths.head !== undefined) sides.head = paths.head;
  const delta: VersionDelta = {
    app,
    delivery: paths.delivery,
    version: paths.version,
    paths: sides,
    kinds: [],
    changed: [],
  };
  if (base) delta.base = base;
  if (head) delta.head = head;
  if (paths.base === undefined) delta.kinds = ["new-version"];
  else if (paths.head === undefined) delta.kinds = ["deletion"];
  else if (base?.data === undefined || head?.data === undefined) delta.kinds = ["metadata-edit"];
  else {
    delta.changed = changedFields(base.data, head.data);
    const kinds = statusKinds(stringAt(base.data, ["status"]), stringAt(head.data, ["status"]), "released");
    if (delta.changed.some((f) => !isStatusField(f)) || paths.base !== paths.head) kinds.push("metadata-edit");
    delta.kinds = sortKinds(kinds);
  }
  return delta;
}

/** `status` and the `suspension` record that goes with it: part of a suspension or reinstatement, not an edit. */
function isStatusField(field: string): boolean {
  return field === "status" || field === "suspension" || field.startsWith("suspension.");
}

/** `suspension` for `<live> -> suspended`, `reinstatement` for `suspended -> <live>`. */
function statusKinds(before: string | undefined, after: string | undefined, live: "active" | "released"): ChangeKind[] {
  if (before === live && after === "suspended") return ["suspension"];
  if (before === "suspended" && after === live) return ["reinstatement"];
  return [];
}
