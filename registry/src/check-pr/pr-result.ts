import type { ChangeKind } from "../pr/change-kind.ts";
import type { AppSummary, PrDecision, VersionSummary } from "../pr/decide-pr.ts";
import { countDiagnostics } from "../report/format-text.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { RenderReport } from "../artifact/helm-tool/render-report.ts";

/** What one changed version will create (its render report), for the technical review stage. */
export interface VersionRender {
  app: string;
  delivery: string;
  version: string;
  render: RenderReport;
}

/**
 * The result of `appshelf check-pr`, written by `--result <file>` and printed by
 * `--format json`: what the review gate reads. Stable field names; `version` changes
 * when a field changes meaning.
 */
export interface PrResult {
  /** Format version of this object. */
  version: 1;
  /** No errors (warnings allowed). */
  ok: boolean;
  /** `--base` as given and as a commit SHA. */
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  /** Merge base of base and head: changes are counted from here. */
  mergeBase: string;
  /** GitHub login checked for ownership, or null when none was given. */
  author: string | null;
  /** Every change kind, in `CHANGE_KINDS` order. */
  kinds: ChangeKind[];
  /** Touched apps with their kinds and changed versions. */
  apps: AppSummary[];
  /** Every changed version file, all apps together. */
  versions: VersionSummary[];
  /** Changed paths outside `apps/<id>/`. */
  registryFiles: string[];
  counts: { errors: number; warnings: number };
  /** Apps and version files validated at head: the touched apps, or every app when `schema/` changed. */
  validated: { apps: number; versions: number };
  /** `pr/*` findings and the validation of the touched apps, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Render reports of the changed versions whose artifact was inspected (Helm charts, Compose files). */
  renders?: VersionRender[];
  /** The Helm that judged the charts (`v4.1.4 (bundled)`), when a chart was inspected. */
  helm?: string;
  /**
   * How the names other apps hold at the merge base were read (rule `pr/name-taken`): from the
   * last publish's signed name table plus the apps changed since (`table`), or from every
   * version file of the merge base (`scan`), with why.
   */
  baseNames?: { source: "table" | "scan"; note: string };
}

/** Inputs of {@link toPrResult} besides the decision. */
export interface PrRun {
  base: { ref: string; sha: string };
  head: { ref: string; sha: string };
  mergeBase: string;
  author: string | undefined;
  validated: { apps: number; versions: number };
  /** Every diagnostic of the run (decision and validation), sorted. */
  diagnostics: Diagnostic[];
  renders?: VersionRender[];
  helm?: string;
  baseNames?: { source: "table" | "scan"; note: string };
}

/** Builds the {@link PrResult} of a run. */
export function toPrResult(decision: PrDecision, run: PrRun): PrResult {
  const counts = countDiagnostics(run.diagnostics);
  return {
    version: 1,
    ok: counts.errors === 0,
    base: run.base,
    head: run.head,
    mergeBase: run.mergeBase,
    author: run.author ?? null,
    kinds: decision.kinds,
    apps: decision.apps,
    versions: decision.apps.flatMap((a) => a.versions),
    registryFiles: decision.registryFiles,
    counts,
    validated: run.validated,
    diagnostics: run.diagnostics,
    ...(run.renders && run.renders.length > 0 ? { renders: run.renders } : {}),
    ...(run.helm ? { helm: run.helm } : {}),
    ...(run.baseNames ? { baseNames: run.baseNames } : {}),
  };
}
