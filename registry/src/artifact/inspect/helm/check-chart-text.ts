import { checkRepublishedText, type RepublishedValue } from "../republish/check-republished-text.ts";
import type { ChartRule } from "./chart-rule.ts";

/**
 * Every Chart.yaml value `helm/index.yaml` republishes (`build-helm-index.ts`,
 * `helmEntryFields`), with the rule it is held to: URLs (`home`, `icon`, `sources`,
 * maintainers' `url`) as manifest URLs, text (`description`, annotation values) as
 * Markdown, everything else as one line. Source: issue 13, class 10.
 */
export function chartTextValues(chart: Parameters<ChartRule>[0]["chart"]): RepublishedValue[] {
  const values: RepublishedValue[] = [];
  const add = (path: (string | number)[], value: unknown, kind: RepublishedValue["kind"]) => {
    if (typeof value === "string") values.push({ path, value, kind });
  };
  for (const key of ["name", "version", "appVersion", "kubeVersion", "type"] as const) add([key], chart[key], "line");
  add(["description"], chart.description, "text");
  add(["home"], chart.home, "url");
  add(["icon"], chart.icon, "url");
  chart.keywords?.forEach((k, i) => add(["keywords", i], k, "line"));
  chart.sources?.forEach((s, i) => add(["sources", i], s, "url"));
  chart.maintainers?.forEach((m, i) => {
    add(["maintainers", i, "name"], m.name, "line");
    add(["maintainers", i, "email"], m.email, "line");
    add(["maintainers", i, "url"], m.url, "url");
  });
  chart.dependencies?.forEach((d, i) => {
    for (const key of ["name", "version", "condition", "alias"] as const) add(["dependencies", i, key], d[key], "line");
    // Its scheme is `helm/dependency`'s rule (check-dependencies.ts); its characters are checked here.
    add(["dependencies", i, "repository"], d.repository, "line");
  });
  for (const [key, value] of Object.entries(chart.annotations ?? {})) {
    add(["annotations", key], key, "line");
    add(["annotations", key], value, "text");
  }
  return values;
}

/** `string/hidden-characters`, `string/single-line` and `url/https` on what helm/index.yaml republishes from Chart.yaml. */
export const checkChartText: ChartRule = ({ parsed, chart }) =>
  checkRepublishedText(chartTextValues(chart), parsed.file, parsed.locate);
