import { parse } from "yaml";
import { isRecord } from "../manifest/is-record.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** One chart version as a Helm repository index lists it (Helm `repo.ChartVersion`). */
export interface HelmRepoEntry {
  name: string;
  version: string;
  apiVersion?: string;
  appVersion?: string;
  description?: string;
  home?: string;
  icon?: string;
  keywords: string[];
  sources: string[];
  kubeVersion?: string;
  urls: string[];
  /** Hex SHA-256 of the chart archive (a `sha256:` prefix is removed). */
  digest?: string;
  /** RFC 3339 time the chart was packaged. */
  created?: string;
  annotations: Record<string, string>;
}

/** Largest Helm repository index accepted, in bytes (big public repositories reach tens of MB). */
export const MAX_HELM_INDEX_BYTES = 64 * 1024 * 1024;

/**
 * Parses a Helm repository `index.yaml` (apiVersion v1, `entries: {name: [ChartVersion]}`)
 * as Helm's `repo.IndexFile` does, tolerating unknown top-level keys (e.g. ChartMuseum's
 * `serverInfo`). Entries that are not mappings are dropped.
 *
 * @throws InputError when the text is not YAML, not apiVersion v1, or has no `entries` mapping.
 */
export function parseHelmRepoIndex(text: string): HelmRepoEntry[] {
  if (Buffer.byteLength(text) > MAX_HELM_INDEX_BYTES)
    throw new InputError("input/helm-index", `the Helm index is larger than ${MAX_HELM_INDEX_BYTES} bytes`);
  const data = parse(text, { schema: "core", uniqueKeys: true, maxAliasCount: 100 }) as unknown;
  if (!isRecord(data)) throw new InputError("input/helm-index", "a Helm repository index is a YAML mapping");
  if (data.apiVersion !== "v1")
    throw new InputError(
      "input/helm-index",
      `unsupported Helm index apiVersion '${String(data.apiVersion)}'; expected v1`,
    );
  if (!isRecord(data.entries)) throw new InputError("input/helm-index", "the Helm index has no 'entries' mapping");
  const result: HelmRepoEntry[] = [];
  for (const [name, versions] of Object.entries(data.entries)) {
    if (!Array.isArray(versions)) continue;
    for (const v of versions) if (isRecord(v)) result.push(toEntry(name, v));
  }
  return result;
}

function toEntry(name: string, v: Record<string, unknown>): HelmRepoEntry {
  const str = (value: unknown) =>
    typeof value === "string" && value !== "" ? value : typeof value === "number" ? String(value) : undefined;
  const strings = (value: unknown) =>
    Array.isArray(value) ? value.filter((x): x is string => typeof x === "string") : [];
  const entry: HelmRepoEntry = {
    name: str(v.name) ?? name,
    version: str(v.version) ?? "",
    keywords: strings(v.keywords),
    sources: strings(v.sources),
    urls: strings(v.urls),
    annotations: isRecord(v.annotations)
      ? Object.fromEntries(Object.entries(v.annotations).filter((e): e is [string, string] => typeof e[1] === "string"))
      : {},
  };
  for (const key of ["apiVersion", "appVersion", "description", "home", "icon", "kubeVersion", "created"] as const) {
    const value = str(v[key]);
    if (value !== undefined) entry[key] = value;
  }
  const digest = str(v.digest)?.replace(/^sha256:/, "");
  if (digest !== undefined) entry.digest = digest;
  return entry;
}
