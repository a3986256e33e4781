import { sortKinds, type ChangeKind } from "../pr/change-kind.ts";
import { placePath } from "../pr/place-path.ts";
import type { SnapshotApp, SnapshotFile } from "./review-snapshot.ts";

/**
 * Change kinds read from GitHub's own file list alone, for when the check's result is not
 * trusted (the pull request changes the code that wrote it). Rules of the base branch's
 * code (this file, as the gate runs from the base branch), erring towards more stages:
 * - a file of an app that is not on the base branch: `new-app`;
 * - an added version file: `new-version`; a removed one, or a removed `app.yaml`: `deletion`;
 * - a modified or renamed version file: `metadata-edit` (its status change, if any, is an
 *   admin matter, and an untrusted pull request already needs admins);
 * - a changed `app.yaml`: `metadata-edit` and `ownership-transfer` (its maintainers may move);
 * - any other file of an app folder: `metadata-edit`.
 * Pure. Returns the kinds per app id.
 */
export function deriveFileKinds(
  files: readonly SnapshotFile[],
  apps: readonly SnapshotApp[],
): Map<string, ChangeKind[]> {
  const onBase = new Map(apps.map((a) => [a.id, a.onBase]));
  const kinds = new Map<string, Set<ChangeKind>>();
  const add = (app: string, kind: ChangeKind) => {
    const set = kinds.get(app) ?? new Set<ChangeKind>();
    set.add(kind);
    kinds.set(app, set);
  };
  for (const file of files) {
    const sides =
      file.previousPath === undefined
        ? [{ path: file.path, status: file.status }]
        : [
            { path: file.previousPath, status: "removed" as const },
            { path: file.path, status: "added" as const },
          ];
    for (const { path, status } of sides) {
      const place = placePath(path);
      if (place.role === "registry") continue;
      if (onBase.get(place.app) !== true) {
        add(place.app, "new-app");
        continue;
      }
      if (place.role === "version")
        add(
          place.app,
          status === "added" || status === "copied"
            ? "new-version"
            : status === "removed"
              ? "deletion"
              : "metadata-edit",
        );
      else if (place.role === "app-manifest") {
        if (status === "removed") add(place.app, "deletion");
        else for (const k of ["metadata-edit", "ownership-transfer"] as const) add(place.app, k);
      } else add(place.app, "metadata-edit");
    }
  }
  return new Map([...kinds].map(([app, set]) => [app, sortKinds(set)]));
}
