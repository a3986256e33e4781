import { error, hasErrors, type Diagnostic } from "../../../report/diagnostic.ts";
import { readArchive } from "../../archive/read-archive.ts";
import type { HelmMetadata, Inspector } from "../inspect-types.ts";
import { fileLabel, findTopFolder, readText } from "../shared/package-folder.ts";
import { collectDependencies } from "./chart-dependencies.ts";
import { toHelmMetadata } from "./chart-metadata.ts";
import type { ChartRule } from "./chart-rule.ts";
import { readChartYaml } from "./chart-yaml.ts";
import {
  checkApiVersion,
  checkChartName,
  checkChartType,
  checkChartVersion,
  checkKubeVersion,
  checkTemplates,
} from "./check-chart-fields.ts";
import {
  checkAppVersionMatches,
  checkChartNameMatches,
  checkKubeCompatibility,
  checkVersionMatches,
} from "./check-chart-manifest.ts";
import { checkChartText } from "./check-chart-text.ts";
import { checkValues } from "./check-values.ts";
import { checkNotLibrary, checkVendored } from "./check-vendored.ts";
import { checkWithHelm, withoutRepeats } from "./check-with-helm.ts";

/** Rules run on a chart whose Chart.yaml has the right field types, in report order. */
const CHART_RULES: readonly ChartRule[] = [
  checkApiVersion,
  checkChartName,
  checkChartVersion,
  checkChartType,
  checkNotLibrary,
  checkKubeVersion,
  checkTemplates,
  checkChartNameMatches,
  checkVersionMatches,
  checkAppVersionMatches,
  checkKubeCompatibility,
  checkChartText,
];

/**
 * Inspects a Helm chart archive as `helm package` writes it and `helm lint` checks it
 * (Helm Chart.yaml v2 reference): a gzip-compressed tar (`archive/*` rules) with one
 * top-level folder named after the chart (`helm/top-folder`), holding Chart.yaml
 * (`helm/chart-yaml-missing`, `helm/chart-yaml` and the rules of check-chart-fields.ts,
 * check-chart-manifest.ts, check-dependencies.ts), values.yaml and values.schema.json
 * (check-values.ts) and templates; dependencies vendored in charts/ and no library chart
 * (check-vendored.ts). Then real Helm judges it (`helm lint --strict`, `helm template`:
 * check-with-helm.ts; only when our own rules found no error, and its messages that
 * repeat our warnings are left out) and the render report
 * of what it creates joins the metadata. Diagnostics point inside the archive
 * (`<label>!<chart>/Chart.yaml`, line) or at the version manifest for cross-checks.
 *
 * @returns metadata `{ helm }` only when no error was found (warnings allowed)
 */
export const inspectHelm: Inspector = async (input) => {
  const { archive, diagnostics: refused } = await readArchive(input.bytes, input.label, ["tar.gz"]);
  if (!archive) return { diagnostics: refused };
  const { folder, diagnostics: misplaced } = findTopFolder(archive, "helm/top-folder", "the chart");
  if (!folder) return { diagnostics: misplaced };
  const chartFile = fileLabel(folder, "Chart.yaml");
  const text = readText(folder, "Chart.yaml");
  if (text === undefined) {
    return {
      diagnostics: [
        error(
          "helm/chart-yaml-missing",
          chartFile,
          undefined,
          `${input.label} has no ${folder.top}/Chart.yaml, so it is not a Helm chart`,
        ),
      ],
    };
  }
  const chartYaml = readChartYaml(chartFile, text);
  const diagnostics: Diagnostic[] = [...chartYaml.diagnostics];
  const chart = chartYaml.value;
  let metadata: HelmMetadata | undefined;
  if (chart) {
    const context = { input, folder, parsed: chartYaml.parsed, chart };
    for (const rule of CHART_RULES) diagnostics.push(...rule(context));
    const { dependencies, diagnostics: dependencyProblems, declaredIn } = collectDependencies(context);
    diagnostics.push(...dependencyProblems, ...checkVendored(folder, dependencies, declaredIn));
    metadata = toHelmMetadata(chart, dependencies);
  }
  diagnostics.push(...(await checkValues(folder)));
  // A chart our own rules already refuse is not run through Helm: the version fails either way.
  if (hasErrors(diagnostics)) return { diagnostics };
  const helm = await checkWithHelm(input, folder.top);
  diagnostics.push(...withoutRepeats(diagnostics, helm.diagnostics));
  if (metadata && helm.verdict?.render) metadata.render = helm.verdict.render;
  return metadata && !hasErrors(diagnostics) ? { diagnostics, metadata: { helm: metadata } } : { diagnostics };
};
