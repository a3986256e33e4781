import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppIndexFiles } from "../index/build-index.ts";
import type { LedgerEntry } from "../ledger/ledger-types.ts";
import type { LoadedApp } from "../manifest/load-registry.ts";
import type { NativeName } from "../names/native-names.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { AppFacts } from "../validate/rules/index.ts";

/** What a run found about some apps (a batch, a thread's share, or all of them). */
export interface AppsValidation {
  /** The app folders as read, in the order of the ids given (empty unless the run keeps facts). */
  loaded: LoadedApp[];
  /** Facts of each app, same order (empty unless the run keeps facts). */
  facts: AppFacts[];
  /** Layout problems of these app folders. */
  layout: Diagnostic[];
  /** Parse, schema, rule and artifact problems of these apps (unsorted). */
  diagnostics: Diagnostic[];
  /** Metadata read from well-formed artifacts: app folder -> `<delivery>/<version>` -> metadata. */
  metadata: Map<string, Map<string, ArtifactMetadata>>;
  /** Version files read. */
  versions: number;
  artifactsVerified: number;
  /** With a ledger (`options.ledger`): the entry of each artifact checked, fresh or reused, by SHA-256. */
  ledger: Record<string, LedgerEntry>;
  /** Versions published from the ledger whose URL is gone: app folder -> `<delivery>/<version>` -> YYYY-MM-DD. */
  unavailable: Map<string, Map<string, string>>;
  /** True when at least one Helm chart's bytes were verified and inspected. */
  chartsJudged?: boolean;
  /** When the run builds index files: those of each valid app (see `buildIndexFilesOf`). */
  index?: AppIndexFiles[];
  /** When the run builds index files: the first failure to build an app's. */
  indexError?: string;
  /**
   * When the run keeps only diagnostics (no facts, no index files): the native names the
   * apps' valid versions claim (`claimedNamesOf`), for rule `index/name-taken`.
   */
  names?: NativeName[];
}

/**
 * Validations of parts of `ids` as one, apps in the order of `ids`.
 *
 * @param index also merge the index files
 */
export function mergeValidations(
  parts: readonly AppsValidation[],
  ids: readonly string[],
  index: boolean,
): AppsValidation {
  const order = new Map(ids.map((id, i) => [id, i]));
  const byId = <T>(list: T[], id: (item: T) => string) =>
    list.sort((a, b) => (order.get(id(a)) ?? 0) - (order.get(id(b)) ?? 0));
  const merged: AppsValidation = {
    loaded: byId(
      parts.flatMap((v) => v.loaded),
      (a) => a.id,
    ),
    facts: byId(
      parts.flatMap((v) => v.facts),
      (a) => a.folder,
    ),
    layout: parts.flatMap((v) => v.layout),
    diagnostics: parts.flatMap((v) => v.diagnostics),
    metadata: new Map(
      byId(
        parts.flatMap((v) => [...v.metadata]),
        ([folder]) => folder,
      ),
    ),
    versions: parts.reduce((n, v) => n + v.versions, 0),
    artifactsVerified: parts.reduce((n, v) => n + v.artifactsVerified, 0),
    ledger: Object.assign({}, ...parts.map((v) => v.ledger)) as Record<string, LedgerEntry>,
    unavailable: new Map(parts.flatMap((v) => [...v.unavailable])),
  };
  if (parts.some((v) => v.chartsJudged)) merged.chartsJudged = true;
  if (index)
    merged.index = byId(
      parts.flatMap((v) => v.index ?? []),
      (a) => a.id,
    );
  if (parts.some((v) => v.names))
    merged.names = byId(
      parts.flatMap((v) => v.names ?? []),
      (claim) => claim.app,
    );
  const indexError = parts.find((v) => v.indexError !== undefined)?.indexError;
  if (indexError !== undefined) merged.indexError = indexError;
  return merged;
}
