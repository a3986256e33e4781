import type { HelmMetadata } from "../inspect-types.ts";
import type { ChartDependency, ChartYaml } from "./chart-yaml.ts";

/**
 * Shard metadata of a well-formed chart, from its Chart.yaml (Helm Chart.yaml v2; `type`
 * defaults to `application`) and, for v1 charts, the dependencies of requirements.yaml.
 * Only the fields of `HelmMetadata` (schema/shard.schema.json#/$defs/helmMetadata); absent
 * optional fields are left out rather than set to undefined.
 */
export function toHelmMetadata(chart: ChartYaml, dependencies: readonly ChartDependency[]): HelmMetadata {
  return withoutUndefined({
    chart: chart.name,
    apiVersion: chart.apiVersion === "v1" ? "v1" : "v2",
    type: chart.type === "library" ? "library" : "application",
    description: chart.description,
    keywords: chart.keywords ?? [],
    home: chart.home,
    sources: chart.sources ?? [],
    kubeVersion: chart.kubeVersion,
    appVersion: chart.appVersion,
    dependencies: dependencies.map(({ name, version, repository, condition, alias }) =>
      withoutUndefined({ name, version, repository, condition, alias }),
    ),
    maintainers: (chart.maintainers ?? []).map(({ name, email, url }) => withoutUndefined({ name, email, url })),
    icon: chart.icon,
    deprecated: chart.deprecated,
    annotations: chart.annotations,
  });
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
