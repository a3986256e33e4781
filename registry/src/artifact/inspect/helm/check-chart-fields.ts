import semver from "semver";
import { error, warning } from "../../../report/diagnostic.ts";
import { fileLabel, filesUnder } from "../shared/package-folder.ts";
import { toNodeRange, type ChartRule } from "./chart-rule.ts";

/**
 * `helm/api-version`: apiVersion is `v2` (Helm 3) or `v1` (Helm 2, still installable by
 * Helm 3: `helm/api-version-v1` warning). Source: Helm Chart.yaml v2 reference.
 */
export const checkApiVersion: ChartRule = ({ parsed, chart }) => {
  if (chart.apiVersion === "v2") return [];
  const at = parsed.locate(["apiVersion"]);
  if (chart.apiVersion === "v1") {
    return [
      warning(
        "helm/api-version-v1",
        parsed.file,
        at,
        "apiVersion v1 is the Helm 2 chart format; Helm 3 still installs it",
        "set apiVersion: v2 (and move any requirements.yaml dependencies into Chart.yaml)",
      ),
    ];
  }
  return [
    error(
      "helm/api-version",
      parsed.file,
      at,
      `apiVersion '${chart.apiVersion}' is not a chart API version; expected v2 (or v1)`,
    ),
  ];
};

/**
 * `helm/chart-name`: the name is a single path segment (Helm's `Metadata.Validate`) and is
 * the chart's top-level folder in the archive (`helm lint`: "directory name and chart
 * name must match"), which is where `helm package` puts it.
 */
export const checkChartName: ChartRule = ({ parsed, chart, folder }) => {
  const at = parsed.locate(["name"]);
  if (chart.name === "." || chart.name === ".." || /[/\\]/.test(chart.name)) {
    return [
      error(
        "helm/chart-name",
        parsed.file,
        at,
        `chart name '${chart.name}' is not a valid name: it must be a single folder name`,
      ),
    ];
  }
  if (chart.name !== folder.top) {
    return [
      error(
        "helm/top-folder",
        parsed.file,
        at,
        `the chart is named '${chart.name}' but sits in the folder '${folder.top}/'; helm package puts a chart in a folder named after it`,
      ),
    ];
  }
  return [];
};

/** `helm/version`: the chart version is a semantic version (Helm Chart.yaml v2: "A SemVer 2 version"). */
export const checkChartVersion: ChartRule = ({ parsed, chart }) =>
  semver.valid(chart.version) === null
    ? [
        error(
          "helm/version",
          parsed.file,
          parsed.locate(["version"]),
          `chart version '${chart.version}' is not a semantic version (MAJOR.MINOR.PATCH)`,
        ),
      ]
    : [];

/** `helm/type`: `type` is `application` (the default) or `library` (Helm Chart.yaml v2). */
export const checkChartType: ChartRule = ({ parsed, chart }) =>
  chart.type === undefined || chart.type === "application" || chart.type === "library"
    ? []
    : [
        error(
          "helm/type",
          parsed.file,
          parsed.locate(["type"]),
          `type '${chart.type}' is not a chart type; expected application or library`,
        ),
      ];

/**
 * `helm/kube-version`: `kubeVersion` is a version range Helm can check the cluster against
 * (Helm Chart.yaml v2; ranges like `>=1.23.0-0` so pre-release builds of Kubernetes match).
 */
export const checkKubeVersion: ChartRule = ({ parsed, chart }) =>
  chart.kubeVersion === undefined || toNodeRange(chart.kubeVersion) !== undefined
    ? []
    : [
        error(
          "helm/kube-version",
          parsed.file,
          parsed.locate(["kubeVersion"]),
          `kubeVersion '${chart.kubeVersion}' is not a version range`,
          "e.g. '>=1.23.0-0'",
        ),
      ];

/**
 * `helm/no-templates`: an application chart has at least one file under `templates/`.
 * Source: Helm Chart.yaml v2 `type` (the `helm create` Chart.yaml: library charts "do not
 * define any templates and therefore cannot be deployed"); an application chart without
 * templates installs nothing.
 */
export const checkTemplates: ChartRule = ({ chart, folder }) =>
  chart.type === "library" || filesUnder(folder, "templates").length > 0
    ? []
    : [
        error(
          "helm/no-templates",
          fileLabel(folder, "templates/"),
          undefined,
          `the application chart '${chart.name}' has no templates/ files, so it would install nothing`,
          "add templates, or set type: library if it only provides helpers",
        ),
      ];
