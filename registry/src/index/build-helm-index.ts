import semver from "semver";
import { stringify } from "yaml";
import type { HelmMetadata } from "../artifact/inspect/inspect-types.ts";
import { resolvePlain } from "./plain-scalar.ts";
import { spilledTextReader, type SpilledText } from "./helm-spill.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";

/** One released helm version with what inspection read from its Chart.yaml (when available). */
export interface HelmChartVersion {
  app: AppManifest;
  version: VersionManifest;
  /** Artifact URL as the index publishes it: absolute, or relative to the folder holding `helm/index.yaml`. */
  url: string;
  /** Every URL to list, in order (a hosted copy first, then the upstream); default `[url]`. */
  urls?: string[];
  chart?: HelmMetadata;
}

/** One version's entry of a Helm index, rendered: what {@link assembleHelmIndex} sorts and joins. */
export interface HelmIndexEntry {
  /** Chart name the entry is listed under. */
  name: string;
  /** Chart version (semver), for ordering. */
  version: string;
  /** `created` (ISO 8601). */
  created: string;
  /** The entry as the index writes it: a YAML sequence item under its chart name (`    - apiVersion: v2\n      name: ...\n`); empty when spilled. */
  text: string;
  /** Where the text was written instead of being kept (`spillHelmEntries`): file, byte offset and length. */
  spilled?: SpilledText;
}

/**
 * Builds a Helm chart repository index (`helm/index.yaml`, the format of Helm's
 * `repo.IndexFile`, apiVersion v1) from released helm versions of active apps, so
 * `helm repo add <name> <site>/helm` works. Entries are keyed by chart name and sorted
 * newest first by semver, as `helm repo index` does. Field names follow Helm's Chart.yaml
 * plus the repository fields `urls`, `digest` and `created`. `created` is the release date
 * at 00:00 UTC and `generated` the newest `created`, so the output is deterministic.
 * Pure: no I/O. The same bytes as `yaml.stringify` of the whole index (without anchors
 * and aliases, like Helm's own), written entry by entry so each app's entries can be
 * rendered on its own (and in another thread).
 */
export function buildHelmIndex(charts: readonly HelmChartVersion[]): Buffer {
  return assembleHelmIndex(charts.flatMap(helmIndexEntry));
}

/** The rendered entry of one chart version, or nothing when it is not listed (inactive app, suspended or non-helm version). */
export function helmIndexEntry(c: HelmChartVersion): HelmIndexEntry[] {
  if (c.app.status !== "active" || c.version.status !== "released" || c.version.delivery !== "helm") return [];
  const name = c.chart?.chart ?? c.version.chart ?? c.app.id;
  return [
    { name, version: c.version.version, created: createdOf(c.version), text: renderEntry(helmEntryFields(name, c)) },
  ];
}

/**
 * An entry as a YAML sequence item under its chart name, as `yaml.stringify` of the whole
 * index writes it (that is `yaml.stringify([fields])` indented by 4: the output does not
 * depend on the indentation it starts at). Entries whose values are all plain-safe strings
 * (or lists of them), nearly all, are written directly; others by `yaml`.
 */
function renderEntry(fields: Record<string, unknown>): string {
  const lines: string[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const lead = lines.length === 0 ? "    - " : "      ";
    const scalar = typeof value === "string" ? renderString(value) : undefined;
    const items =
      Array.isArray(value) && value.length > 0
        ? value.map((v) => (typeof v === "string" ? renderString(v) : undefined))
        : [];
    if (scalar !== undefined) lines.push(`${lead}${key}: ${scalar}\n`);
    else if (items.length > 0 && items.every((v) => v !== undefined))
      lines.push(`${lead}${key}:\n${items.map((v) => `        - ${v}\n`).join("")}`);
    else return stringify([fields], RENDER).replace(/^(?=.)/gm, "    ");
  }
  return lines.join("");
}

/** `yaml`'s test (stringify/stringifyString.js, plainString) for a string it cannot write plain. */
const NOT_PLAIN = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;

/**
 * A string value as `yaml` writes it, when that is sure: plain when it is plain-safe
 * (printable ASCII without YAML indicators at its ends, `: ` or ` #`, not read back as
 * another type); in double quotes when it is printable ASCII without quotes or
 * backslashes that `yaml` cannot write plain; otherwise undefined (left to `yaml`).
 */
function renderString(value: string): string | undefined {
  const plainSafe =
    /^[A-Za-z0-9_.\/(]([\x20-\x7e]*[^\s:])?$/.test(value) &&
    !value.includes(": ") &&
    !value.includes(" #") &&
    !value.includes("  ");
  const resolved = resolvePlain(value);
  if (plainSafe && resolved === value) return value;
  if (/^[\x20-\x7e]+$/.test(value) && !/["\\]/.test(value) && (NOT_PLAIN.test(value) || resolved !== value))
    return `"${value}"`;
  return undefined;
}

/**
 * Joins rendered entries (in chart order) into the index: by chart name, each newest first.
 * Spilled entries' texts (`spillHelmEntries`) are read back from their files; pure otherwise.
 *
 * @throws a filesystem error when a spilled text cannot be read
 */
export function assembleHelmIndex(entries: readonly HelmIndexEntry[]): Buffer {
  const byName = new Map<string, HelmIndexEntry[]>();
  for (const e of entries) {
    const list = byName.get(e.name);
    if (list) list.push(e);
    else byName.set(e.name, [e]);
  }
  // Chart names in the order of an object's keys filled in sorted order (integer-like names first), as stringify of the whole index writes them.
  const order: Record<string, true> = {};
  for (const name of [...byName.keys()].sort()) order[name] = true;
  const names = Object.keys(order);
  const parts: (string | HelmIndexEntry)[] = ["apiVersion: v1\n", names.length === 0 ? "entries: {}\n" : "entries:\n"];
  for (const name of names) {
    parts.push(`  ${stringify({ [name]: 0 }, RENDER).slice(0, -": 0\n".length)}:\n`);
    for (const e of (byName.get(name) ?? []).sort((a, b) => semver.rcompare(a.version, b.version)))
      parts.push(e.spilled ? e : e.text);
  }
  const generated =
    entries
      .map((e) => e.created)
      .sort()
      .at(-1) ?? "1970-01-01T00:00:00Z";
  parts.push(stringify({ generated }, RENDER));
  // Written part by part into one buffer: the index of a large registry is tens of MB, not worth a joined copy.
  const size = (part: string | HelmIndexEntry) =>
    typeof part === "string" ? Buffer.byteLength(part, "utf8") : (part.spilled?.length ?? 0);
  const bytes = Buffer.allocUnsafe(parts.reduce((n, part) => n + size(part), 0));
  const spilled = spilledTextReader();
  try {
    let offset = 0;
    for (const part of parts) {
      if (typeof part === "string") offset += bytes.write(part, offset, "utf8");
      else {
        spilled.read(part, bytes, offset);
        offset += size(part);
      }
    }
  } finally {
    spilled.close();
  }
  return bytes;
}

const RENDER = { lineWidth: 0, aliasDuplicateObjects: false } as const;

/** The fields of one chart version's index entry, in the order Helm writes them. */
export function helmEntryFields(name: string, c: HelmChartVersion): Record<string, unknown> {
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
  entry.urls = c.urls ?? [c.url];
  entry.digest = c.version.artifact.sha256;
  entry.created = createdOf(c.version);
  return entry;
}

function createdOf(version: VersionManifest): string {
  return `${version.released}T00:00:00Z`;
}
