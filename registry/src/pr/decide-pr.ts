import { sortDiagnostics, type Diagnostic } from "../report/diagnostic.ts";
import { sortKinds, type ChangeKind } from "./change-kind.ts";
import { checkImmutability } from "./check-immutability.ts";
import { checkOwnership } from "./check-ownership.ts";
import { checkRegistryChanges } from "./check-registry-change.ts";
import { checkSquatting } from "./check-squatting.ts";
import { checkStatusChanges } from "./check-status.ts";
import { deriveAppDelta } from "./derive-app-delta.ts";
import { groupChanges } from "./group-changes.ts";
import type { PrFacts } from "./pr-facts.ts";
import type { SourceChange } from "../review/review-snapshot.ts";
import { checkNames } from "./check-names.ts";
import { checkPublisherAttach } from "./check-publisher-attach.ts";
import { checkSourceHosts } from "./check-source-hosts.ts";
import { checkSuspensionReasons } from "./check-takedown.ts";

/** One changed version file in the decision. */
export interface VersionSummary {
  app: string;
  delivery: string;
  version: string;
  /** Repo path at head, or at the merge base when deleted. */
  file: string;
  kinds: ChangeKind[];
}

/** One touched app in the decision. */
export interface AppSummary {
  id: string;
  kinds: ChangeKind[];
  versions: VersionSummary[];
  /** New versions whose artifact host is not among the app's released versions' (`pr/artifact-host-changed`); absent when none. */
  sourceChanges?: SourceChange[];
}

/** What a pull request is and what is wrong with it: the input of the review gate. */
export interface PrDecision {
  /** Every kind the pull request holds, in `CHANGE_KINDS` order; empty when nothing changed. */
  kinds: ChangeKind[];
  /** Touched apps, sorted by id. */
  apps: AppSummary[];
  /** Changed paths outside `apps/<id>/`, sorted. */
  registryFiles: string[];
  /** The `pr/*` findings (validation of the touched apps is added by the shell), sorted. */
  diagnostics: Diagnostic[];
}

/**
 * Judges a pull request from its facts: classifies every change (`derive-app-delta.ts`)
 * and applies the rules of ownership (`check-ownership.ts`), immutability
 * (`check-immutability.ts`), status (`check-status.ts`), squatting
 * (`check-squatting.ts`), registry changes (`check-registry-change.ts`), native names
 * (`check-names.ts`), publisher attachment (`check-publisher-attach.ts`), suspension
 * reasons (`check-takedown.ts`) and artifact hosts (`check-source-hosts.ts`). Pure: same
 * facts, same decision; never throws for bad manifests.
 */
export function decidePr(facts: PrFacts): PrDecision {
  const changes = groupChanges(facts.changes);
  const apps = changes.apps.map((set) => deriveAppDelta(set, facts));
  const newApps = apps.filter((a) => a.isNew);
  const newIds = new Set(newApps.map((a) => a.id));
  const headIds = new Set(facts.headAppIds);
  const existingIds = [
    ...facts.headAppIds.filter((id) => !newIds.has(id)),
    ...apps.filter((a) => a.isDeleted && !headIds.has(a.id)).map((a) => a.id),
  ];
  const sources = checkSourceHosts(apps, facts.base);
  const diagnostics = [
    ...checkOwnership(apps, facts.author, facts.admins ?? []),
    ...checkNames(facts.claims ?? [], [
      ...existingIds.map((id) => ({ kind: "any" as const, name: id, app: id })),
      ...(facts.ownedNames ?? []),
    ]),
    ...checkPublisherAttach(apps, facts.author, facts.publishers ?? new Map(), facts.admins ?? [], facts.base),
    ...checkSuspensionReasons(apps, facts.pullRequest),
    ...sources.diagnostics,
    ...checkImmutability(apps, facts.base),
    ...checkStatusChanges(apps),
    ...checkSquatting(newApps, existingIds),
    ...checkRegistryChanges(changes.registry),
  ];
  const registryKinds: ChangeKind[] = changes.registry.length > 0 ? ["registry-change"] : [];
  return {
    kinds: sortKinds([...apps.flatMap((a) => a.kinds), ...registryKinds]),
    apps: apps.map((a) => ({
      id: a.id,
      kinds: a.kinds,
      versions: a.versions.map((v) => ({
        app: a.id,
        delivery: v.delivery,
        version: v.version,
        file: v.paths.head ?? v.paths.base ?? "",
        kinds: v.kinds,
      })),
      ...(sources.changes.has(a.id) ? { sourceChanges: sources.changes.get(a.id) ?? [] } : {}),
    })),
    registryFiles: changes.registry,
    diagnostics: sortDiagnostics(diagnostics),
  };
}
