import semver from "semver";
import { error, warning } from "../../../report/diagnostic.ts";
import { toNodeRange, type ChartRule } from "./chart-rule.ts";

/**
 * `helm/chart-name-mismatch`: the chart is named like the app, or the version manifest
 * declares its name in `chart` (issue 3: "Chart name must equal the app id or be declared
 * in the manifest"). Reported on the manifest, which is what a pull request can change.
 */
export const checkChartNameMatches: ChartRule = ({ input, chart }) => {
  const expected = input.version.chart ?? input.appId;
  if (chart.name === expected) return [];
  const { manifest } = input;
  if (input.version.chart !== undefined) {
    return [
      error(
        "helm/chart-name-mismatch",
        manifest.file,
        manifest.locate(["chart"]),
        `the manifest says chart '${input.version.chart}', but ${input.label} holds the chart '${chart.name}'`,
      ),
    ];
  }
  return [
    error(
      "helm/chart-name-mismatch",
      manifest.file,
      manifest.locate(["version"]),
      `${input.label} holds the chart '${chart.name}', not '${input.appId}' (the app id)`,
      `if that is the right chart, declare it: chart: ${chart.name}`,
    ),
  ];
};

/** `helm/version-mismatch`: Chart.yaml `version` is the manifest's version, character for character. */
export const checkVersionMatches: ChartRule = ({ input, parsed, chart }) =>
  chart.version === input.version.version
    ? []
    : [
        error(
          "helm/version-mismatch",
          input.manifest.file,
          input.manifest.locate(["version"]),
          `the manifest is version ${input.version.version}, but ${parsed.file} (line ${parsed.locate(["version"]).line}) says version ${chart.version}`,
        ),
      ];

/** `helm/app-version-mismatch`: when the manifest has `appVersion`, Chart.yaml has the same one. */
export const checkAppVersionMatches: ChartRule = ({ input, parsed, chart }) => {
  const expected = input.version.appVersion;
  if (expected === undefined || chart.appVersion === expected) return [];
  const found = chart.appVersion === undefined ? "has no appVersion" : `says appVersion ${chart.appVersion}`;
  return [
    error(
      "helm/app-version-mismatch",
      input.manifest.file,
      input.manifest.locate(["appVersion"]),
      `the manifest says appVersion ${expected}, but ${parsed.file} ${found}`,
    ),
  ];
};

/**
 * `helm/kube-version-compatibility` (warning): the manifest's `compatibility.kubernetes`
 * promises no Kubernetes version the chart's `kubeVersion` refuses (Helm refuses to
 * install there), i.e. the manifest range is a subset of kubeVersion.
 */
export const checkKubeCompatibility: ChartRule = ({ input, parsed, chart }) => {
  const declared = input.version.compatibility?.kubernetes;
  if (declared === undefined || chart.kubeVersion === undefined) return [];
  const kube = toNodeRange(chart.kubeVersion);
  if (kube === undefined || semver.validRange(declared) === null) return [];
  if (semver.subset(declared, kube, { includePrerelease: true })) return [];
  return [
    warning(
      "helm/kube-version-compatibility",
      input.manifest.file,
      input.manifest.locate(["compatibility", "kubernetes"]),
      `compatibility.kubernetes '${declared}' includes versions the chart refuses: ${parsed.file} says kubeVersion '${chart.kubeVersion}'`,
      `use the chart's range: kubernetes: "${chart.kubeVersion.replace(/,/g, " ")}"`,
    ),
  ];
};
