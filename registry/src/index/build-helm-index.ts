import semver from "semver";
import { stringify } from "yaml";
import type { HelmMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";

/** One released helm version with what inspection read from its Chart.yaml (when available). */
export interface HelmChartVersion {
  app: AppManifest;
  version: VersionManifest;
  /** Artifact URL as the index publishes it: absolute, or relative to the folder holding `helm/index.yaml`. */
  url: string;
  chart?: HelmMetadata;
}

/**
 * Builds a Helm chart repository index (`helm/index.yaml`, the format of Helm's
 * `repo.IndexFile`, apiVersion v1) from released helm versions of active apps, so
 * `helm repo add <name> <site>/helm` works. Entries are keyed by chart name and sorted
 * newest first by semver, as `helm repo index` does. Field names follow Helm's Chart.yaml
 * plus the repository fields `urls`, `digest` and `created`. `created` is the release date
 * at 00:00 UTC and `generated` the newest `created`, so the output is deterministic.
 * Pure: no I/O.
 */
export function buildHelmIndex(charts: readonly HelmChartVersion[]): Buffer {
  const entries: Record<string, Record<string, unknown>[]> = {};
  const usable = charts.filter((c) => c.app.status === "active" && c.version.status === "released" && c.version.delivery === "helm");
  for (const c of usable) {
    const name = c.chart?.chart ?? c.version.chart ?? c.app.id;
    (entries[name] ??= []).push(entryOf(name, c));
  }
  const sorted: Record<string, Record<string, unknown>[]> = {};
  for (const name of Object.keys(entries).sort()) {
    sorted[name] = (entries[name] ?? []).sort((a, b) => semver.rcompare(String(a.version), String(b.version)));
  }
  const created = usable.map((c) => createdOf(c.version)).sort();
  const index = { apiVersion: "v1", entries: sorted, generated: created.at(-1) ?? "1970-01-01T00:00:00Z" };
  return Buffer.from(stringify(index, { lineWidth: 0 }), "utf8");
}

function entryOf(name: string, c: HelmChartVersion): Record<string, unknown> {
  const meta = c.chart;
  const entry: Record<string, unknown> = {
    apiVersion: meta?.apiVersion ?? "v2",
    name,
    version: c.version.version,
  };
  const appVersion = meta?.appVersion ?? c.version.appVersion;
  if (appVersion) entry.appVersion = appVersion;
  entry.description = meta?.description ?? c.app.summary.en;
  if (meta?.type && meta.type !== "application") entry.type = meta.type;
  const kubeVersion = meta?.kubeVersion ?? c.version.compatibility?.kubernetes;
  if (kubeVersion) entry.kubeVersion = kubeVersion;
  const home = meta?.home ?? c.app.links?.website;
  if (home) entry.home = home;
  if (meta?.icon) entry.icon = meta.icon;
  const keywords = meta?.keywords.length ? meta.keywords : c.app.keywords;
  if (keywords?.length) entry.keywords = keywords;
  if (meta?.sources.length) entry.sources = meta.sources;
  if (meta?.maintainers.length) entry.maintainers = meta.maintainers;
  if (meta?.dependencies.length) entry.dependencies = meta.dependencies;
  if (meta?.annotations && Object.keys(meta.annotations).length > 0) entry.annotations = meta.annotations;
  if (meta?.deprecated) entry.deprecated = true;
  entry.urls = [c.url];
  entry.digest = c.version.artifact.sha256;
  entry.created = createdOf(c.version);
  return entry;
}

function createdOf(version: VersionManifest): string {
  return `${version.released}T00:00:00Z`;
}
