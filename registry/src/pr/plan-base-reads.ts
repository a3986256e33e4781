import type { ChangeSet } from "./group-changes.ts";

/** Which files the shell must read at the merge base for {@link PrFacts.base}. */
export interface BaseReads {
  /** Repo paths of manifests to read (missing ones are simply absent from the facts). */
  files: string[];
  /**
   * `apps/<id>/versions` folders whose every version file must be read: apps where a file
   * that is not a manifest changed, which may be the in-repo artifact of a released version.
   */
  versionFolders: string[];
}

/**
 * Lists the base-side reads a pull request needs: the old side of every changed manifest
 * and the `app.yaml` of every touched app (its maintainers are the owners). Grows with the
 * change, never with the registry.
 */
export function planBaseReads(changes: ChangeSet): BaseReads {
  const files = new Set<string>();
  const versionFolders: string[] = [];
  for (const app of changes.apps) {
    files.add(`apps/${app.id}/app.yaml`);
    if (app.manifest?.base) files.add(app.manifest.base);
    for (const version of app.versions) if (version.base) files.add(version.base);
    // Other files may be a released version's in-repo artifact; new versions are compared with the released ones' artifact hosts.
    if (app.files.some((f) => f.base) || app.versions.some((v) => v.base === undefined))
      versionFolders.push(`apps/${app.id}/versions`);
  }
  return { files: [...files].sort(), versionFolders };
}
