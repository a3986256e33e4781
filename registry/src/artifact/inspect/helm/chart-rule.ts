import semver from "semver";
import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import type { InspectInput } from "../inspect-types.ts";
import type { PackageFolder } from "../shared/package-folder.ts";
import type { ChartYaml } from "./chart-yaml.ts";

/** What every chart rule sees: the inspector input, the chart folder and its type-checked Chart.yaml. */
export interface ChartContext {
  input: InspectInput;
  folder: PackageFolder;
  /** Parsed Chart.yaml, to point at its lines; its file is `<label>!<chart>/Chart.yaml`. */
  parsed: ParsedYaml;
  chart: ChartYaml;
}

/** One named check of a chart; returns its problems (none when it passes). */
export type ChartRule = (context: ChartContext) => Diagnostic[];

/**
 * Converts a Helm version constraint to a node-semver range: Helm reads constraints with
 * Masterminds semver, where `,` joins ranges with AND (`>=1.20, <1.30`) and a space does
 * the same in node-semver. Undefined when node-semver cannot read it.
 */
export function toNodeRange(constraint: string): string | undefined {
  return semver.validRange(constraint.replace(/,/g, " ")) ?? undefined;
}
