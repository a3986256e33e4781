import type { FileChange } from "./file-change.ts";
import { placePath, type PathPlace } from "./place-path.ts";

/** The two sides of one changed file: its path at the merge base and at head (absent = did not exist there). */
export interface SidePaths {
  base?: string;
  head?: string;
}

/** A changed version file; `delivery`/`version` come from its path at head, else at the base. */
export interface VersionPaths extends SidePaths {
  delivery: string;
  version: string;
}

/** Everything one pull request changes inside `apps/<id>/`. */
export interface AppChangeSet {
  id: string;
  /** `app.yaml`, when it changed. */
  manifest?: SidePaths;
  versions: VersionPaths[];
  /** Other files of the app folder (icon, in-repo artifacts, ...). */
  files: SidePaths[];
}

/** A pull request's changes grouped by app, plus the paths outside app folders. */
export interface ChangeSet {
  /** Sorted by id. */
  apps: AppChangeSet[];
  /** Repo paths outside `apps/<id>/`, sorted (both sides of a rename). */
  registry: string[];
}

/**
 * Groups changed paths by app. A rename is kept as one change (base path -> head path)
 * when both sides are the same kind of file in the same app; otherwise (a version moved to
 * another app, a file moved into `apps/`) it counts as a deletion plus an addition, so
 * each app is judged on its own.
 */
export function groupChanges(changes: readonly FileChange[]): ChangeSet {
  const apps = new Map<string, AppChangeSet>();
  const registry = new Set<string>();
  const add = (sides: SidePaths, place: PathPlace, at: string): void => {
    if (place.role === "registry") {
      registry.add(at);
      return;
    }
    let app = apps.get(place.app);
    if (!app) {
      app = { id: place.app, versions: [], files: [] };
      apps.set(place.app, app);
    }
    if (place.role === "app-manifest") app.manifest = sides;
    else if (place.role === "version")
      app.versions.push({ ...sides, delivery: place.delivery, version: place.version });
    else app.files.push(sides);
  };
  for (const change of changes) {
    const place = placePath(change.path);
    if (change.status === "added") add({ head: change.path }, place, change.path);
    else if (change.status === "deleted") add({ base: change.path }, place, change.path);
    else if (change.status === "modified") add({ base: change.path, head: change.path }, place, change.path);
    else {
      const from = change.from ?? change.path;
      const fromPlace = placePath(from);
      if (samePlaceKind(fromPlace, place)) add({ base: from, head: change.path }, place, change.path);
      else {
        add({ base: from }, fromPlace, from);
        add({ head: change.path }, place, change.path);
      }
    }
  }
  const sorted = [...apps.values()].sort((a, b) => compare(a.id, b.id));
  return { apps: sorted, registry: [...registry].sort(compare) };
}

function samePlaceKind(a: PathPlace, b: PathPlace): boolean {
  if (a.role === "registry" || b.role === "registry") return a.role === b.role;
  return a.role === b.role && a.app === b.app;
}

/** Locale-independent order, so output never depends on the machine. */
export function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
