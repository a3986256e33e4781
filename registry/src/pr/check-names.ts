import type { NameKind, NativeName } from "../names/native-names.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";

/** A native name someone holds on the base branch. */
export interface OwnedName {
  kind: NameKind | "any";
  name: string;
  /** The app that holds it. */
  app: string;
}

/**
 * `pr/name-taken` (error): an app of the pull request claims a native name (Helm chart,
 * Nextcloud app id, Compose project) that another app holds on the BASE branch. On the
 * base branch every app id is its own name of every kind (`any`), and an app also holds
 * the names its versions claim as `nativeNamesOf` reads them, declared and inspected
 * (`versionNamesOf`; read by check-pr's `readBaseNames`). Read from the base branch, so a
 * pull request cannot claim a name by also removing or renaming its owner. Pure.
 */
export function checkNames(claims: readonly NativeName[], owned: readonly OwnedName[]): Diagnostic[] {
  return claims.flatMap((claim) => {
    const holder = owned.find(
      (o) => o.name === claim.name && (o.kind === "any" || o.kind === claim.kind) && o.app !== claim.app,
    );
    if (!holder) return [];
    return [
      error(
        "pr/name-taken",
        claim.file,
        undefined,
        `${claim.app} claims the ${claim.kind} name '${claim.name}', which belongs to the app ${holder.app} on the base branch: a native client (helm install, the Nextcloud app store, docker compose) resolves a name to one app`,
        claim.kind === "helm chart"
          ? "publish the chart under a name of its own (Chart.yaml name and chart:)"
          : `choose a ${claim.kind} name of your own`,
      ),
    ];
  });
}
