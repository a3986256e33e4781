import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import { fileLabel, readText } from "../shared/package-folder.ts";
import type { ChartContext } from "./chart-rule.ts";
import { readRequirementsYaml, type ChartDependency } from "./chart-yaml.ts";
import { checkDependencies } from "./check-dependencies.ts";

/**
 * The dependencies a chart declares, checked: Chart.yaml `dependencies` (Helm Chart.yaml
 * v2), or for an apiVersion v1 chart its `requirements.yaml` (Helm 2, still read by Helm 3
 * for v1 charts). Rule ids: those of {@link checkDependencies}, `helm/requirements-yaml`.
 */
export function collectDependencies(context: ChartContext): {
  dependencies: ChartDependency[];
  diagnostics: Diagnostic[];
  declaredIn: ParsedYaml;
} {
  const { chart, folder, parsed } = context;
  const requirements = chart.apiVersion === "v1" ? readText(folder, "requirements.yaml") : undefined;
  if (requirements === undefined) {
    const dependencies = chart.dependencies ?? [];
    return { dependencies, diagnostics: checkDependencies(parsed, dependencies), declaredIn: parsed };
  }
  const read = readRequirementsYaml(fileLabel(folder, "requirements.yaml"), requirements);
  const dependencies = read.value?.dependencies ?? [];
  return {
    dependencies,
    diagnostics: [...read.diagnostics, ...checkDependencies(read.parsed, dependencies)],
    declaredIn: read.parsed,
  };
}
