import semver from "semver";
import { isExactSemver } from "../manifest/semver-text.ts";
import { Document, Scalar } from "yaml";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import type { HelmRepoEntry } from "./helm-repo-index.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** What the importer needs beyond what a Helm index says (app.yaml fields Helm has no place for). */
export interface HelmImportOptions {
  /** Chart name in the index. */
  chart: string;
  /** App id to write under apps/ (default: the chart name). */
  appId: string;
  /** Base URL that relative `urls` are resolved against (the repository URL). */
  repoUrl?: string;
  /** For a new app: GitHub logins, category ids, SPDX license, publisher. */
  maintainers: string[];
  categories: string[];
  license?: string;
  /** Publisher id (its record must exist under .github/appshelf/publishers/). */
  publisher?: string;
}

/** A planned import: files to write (repo-relative path -> YAML text) and versions skipped with why. */
export interface HelmImportPlan {
  files: Map<string, string>;
  skipped: { version: string; reason: string }[];
  /** Versions left alone because their file exists already. */
  present: string[];
}

/** Sizes in bytes of artifacts the importer could fetch and verify, by digest. */
export type KnownSizes = ReadonlyMap<string, number>;

/**
 * Plans the manifests for one chart of a Helm repository index (pure): `app.yaml` when
 * the app does not exist yet (needs maintainers, categories, license and publisher, which
 * a Helm index does not carry), and one `versions/helm/<version>.yaml` per chart version not
 * already present. URLs are resolved against `repoUrl` (Helm resolves relative `urls`
 * against the repository URL); digests and `created` dates are taken as published; the
 * artifact size is written only when known. Entries that are not semver, lack a URL or a
 * SHA-256 digest, or resolve to a non-HTTPS URL are skipped with a reason.
 *
 * @throws InputError when the chart is not in the index, or a new app lacks the fields above.
 */
export function planHelmImport(
  entries: readonly HelmRepoEntry[],
  options: HelmImportOptions,
  existing: { app: boolean; versions: ReadonlySet<string> },
  sizes: KnownSizes,
): HelmImportPlan {
  const chart = entries.filter((e) => e.name === options.chart);
  if (chart.length === 0)
    throw new InputError(
      "input/helm-chart",
      `chart '${options.chart}' is not in the Helm index; it has: ${[...new Set(entries.map((e) => e.name))].sort().join(", ")}`,
    );
  const plan: HelmImportPlan = { files: new Map(), skipped: [], present: [] };
  const dir = `apps/${options.appId}`;
  for (const entry of chart) {
    if (existing.versions.has(entry.version)) {
      plan.present.push(entry.version);
      continue;
    }
    const result = versionOf(entry, options, sizes);
    if (typeof result === "string") plan.skipped.push({ version: entry.version, reason: result });
    else
      plan.files.set(
        `${dir}/versions/helm/${entry.version}.yaml`,
        manifestText(
          "../../../../schema/version.schema.json",
          result,
          `Imported from the Helm repository index of ${options.repoUrl ?? "a local file"}.`,
        ),
      );
  }
  // A new app gets its app.yaml only when at least one version can be imported.
  if (!existing.app && plan.files.size > 0) plan.files.set(`${dir}/app.yaml`, appYaml(newestOf(chart), options));
  return plan;
}

function versionOf(entry: HelmRepoEntry, options: HelmImportOptions, sizes: KnownSizes): VersionManifest | string {
  if (!isExactSemver(entry.version)) return "version is not semver";
  if (!entry.digest || !/^[0-9a-f]{64}$/.test(entry.digest)) return "no SHA-256 digest";
  const raw = entry.urls[0];
  if (!raw) return "no download URL";
  let url: string;
  try {
    url = new URL(raw, options.repoUrl ? `${options.repoUrl.replace(/\/?$/, "/")}` : undefined).toString();
  } catch {
    return `relative URL '${raw}' needs --repo-url`;
  }
  if (!url.startsWith("https://")) return `URL ${url} is not HTTPS`;
  const size = sizes.get(entry.digest);
  const version: VersionManifest = {
    version: entry.version,
    delivery: "helm",
    ...(entry.appVersion ? { appVersion: entry.appVersion } : {}),
    ...(entry.name !== options.appId ? { chart: entry.name } : {}),
    artifact: { url, sha256: entry.digest, ...(size !== undefined ? { size } : {}) },
    ...(entry.kubeVersion ? { compatibility: { kubernetes: entry.kubeVersion } } : {}),
    ...(entry.annotations["artifacthub.io/changes"]
      ? { changelog: { en: entry.annotations["artifacthub.io/changes"] } }
      : {}),
    status: "released",
    released: (entry.created ?? "").slice(0, 10) || "1970-01-01",
  };
  return version;
}

function appYaml(entry: HelmRepoEntry, options: HelmImportOptions): string {
  const missing = [
    options.maintainers.length === 0 && "--maintainer",
    options.categories.length === 0 && "--category",
    !(options.license ?? entry.annotations.licenses) && "--license",
    !options.publisher && "--publisher",
  ].filter(Boolean);
  if (missing.length > 0)
    throw new InputError(
      "input/new-app",
      `apps/${options.appId} does not exist yet; a new app also needs ${missing.join(", ")} (a Helm index does not carry them)`,
    );
  const https = (u?: string) => (u?.startsWith("https://") && u.length <= 256 ? u : undefined);
  const summary = (entry.description ?? entry.name).replace(/\s+/g, " ").trim();
  const links = { website: https(entry.home), repository: https(entry.sources[0]) };
  const app: AppManifest = {
    id: options.appId,
    name: { en: entry.name },
    summary: { en: summary.length > 128 ? `${summary.slice(0, 125).replace(/\s+\S*$/, "")}...` : summary },
    description: { en: entry.description ?? entry.name },
    categories: options.categories,
    keywords: [...new Set(entry.keywords.filter((k) => k.length <= 32))].slice(0, 20),
    license: options.license ?? entry.annotations.licenses ?? "",
    publisher: options.publisher ?? "",
    maintainers: options.maintainers,
    links: Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)),
    status: "active",
  };
  return manifestText(
    "../../schema/app.schema.json",
    app,
    `Imported from a Helm repository index: review the description and links.`,
  );
}

function newestOf(entries: readonly HelmRepoEntry[]): HelmRepoEntry {
  return entries.reduce((a, b) =>
    semver.valid(b.version) && (!semver.valid(a.version) || semver.gt(b.version, a.version)) ? b : a,
  );
}

/** YAML text with the editor schema line; version-like strings are always quoted. Shared by the importers. */
export function manifestText(schema: string, data: object, comment: string): string {
  const doc = new Document(data);
  for (const key of ["version", "appVersion", "released"]) {
    const node = doc.get(key, true);
    if (node instanceof Scalar) node.type = Scalar.QUOTE_DOUBLE;
  }
  doc.commentBefore = ` yaml-language-server: $schema=${schema}\n ${comment}`;
  return doc.toString({ lineWidth: 0 });
}
