import { sha256Hex } from "../artifact/digest.ts";
import { versionKey, type AppManifest, type Category, type VersionManifest } from "../manifest/types.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { buildHelmIndex, type HelmChartVersion } from "./build-helm-index.ts";
import { canonicalJson } from "./canonical-json.ts";
import type { AppShard, FileRef, IndexEntry, RegistryIndex, ShardVersion } from "./index-types.ts";
import { selectLatest, sortVersions } from "./select-latest.ts";

/** One valid app, with the bytes the index publishes beside it. */
export interface IndexAppInput {
  manifest: AppManifest;
  versions: VersionManifest[];
  /** The icon file: its name in the app folder and its bytes. */
  icon?: { fileName: string; bytes: Buffer };
  /** Bytes of in-repo artifacts by their `artifact.path`. */
  artifacts: ReadonlyMap<string, Buffer>;
  /** Metadata read from each artifact by inspection, keyed by {@link versionKey}. */
  metadata?: ReadonlyMap<string, ArtifactMetadata>;
}



/** Everything the index is built from. */
export interface IndexInput {
  categories: readonly Category[];
  apps: readonly IndexAppInput[];
}

const MEDIA_TYPES: Record<string, string> = { svg: "image/svg+xml", png: "image/png" };

/**
 * Builds the published files (pure: no I/O, no clock): `index.json`, one shard
 * `apps/<id>.json` per app, icons `icons/<id>.<ext>`, and in-repo artifacts
 * `artifacts/<id>/<delivery>/<version>/<file name>`, and the Helm repository index
 * `helm/index.yaml` (see {@link buildHelmIndex}). Returns them as a map from path
 * (relative to the output folder) to bytes. Same input, byte-identical output.
 */
export function buildIndex(input: IndexInput): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const entries: IndexEntry[] = [];
  const charts: HelmChartVersion[] = [];
  for (const app of [...input.apps].sort((a, b) => (a.manifest.id < b.manifest.id ? -1 : 1))) {
    const icon = app.icon ? addFile(files, `icons/${app.manifest.id}.${extension(app.icon.fileName)}`, app.icon.bytes, MEDIA_TYPES[extension(app.icon.fileName)]) : undefined;
    const versions = sortVersions(app.versions).map((v) => shardVersion(app, v, files));
    for (const [i, v] of sortVersions(app.versions).entries()) {
      if (v.delivery !== "helm") continue;
      const meta = app.metadata?.get(versionKey(v));
      const url = versions[i]?.artifact.url ?? "";
      charts.push({ app: app.manifest, version: v, url: isAbsolute(url) ? url : `../${url}`, ...(meta && "helm" in meta ? { chart: meta.helm } : {}) });
    }
    const shard = buildShard(app.manifest, versions, icon);
    const shardRef = addFile(files, `apps/${app.manifest.id}.json`, canonicalJson(shard));
    entries.push(indexEntry(app, icon, shardRef));
  }
  const helmIndex = addFile(files, "helm/index.yaml", buildHelmIndex(charts), "application/yaml");
  const index: RegistryIndex = {
    formatVersion: 1,
    helmIndex,
    apps: entries,
    categories: input.categories.map((c) => ({
      ...c,
      apps: entries.filter((e) => e.status === "active" && e.categories.includes(c.id)).length,
    })),
  };
  files.set("index.json", canonicalJson(index));
  return files;
}

function shardVersion(app: IndexAppInput, v: VersionManifest, files: Map<string, Buffer>): ShardVersion {
  const metadata = app.metadata?.get(versionKey(v));
  let url = v.artifact.url ?? "";
  if (v.artifact.path !== undefined) {
    const bytes = app.artifacts.get(v.artifact.path);
    if (!bytes) throw new Error(`apps/${app.manifest.id}: artifact ${v.artifact.path} was not provided to buildIndex`);
    const name = v.artifact.path.split("/").pop() ?? v.artifact.path;
    url = addFile(files, `artifacts/${app.manifest.id}/${v.delivery}/${v.version}/${name}`, bytes).path;
  }
  return {
    version: v.version,
    delivery: v.delivery,
    ...(v.appVersion !== undefined ? { appVersion: v.appVersion } : {}),
    artifact: { url, sha256: v.artifact.sha256, ...(v.artifact.size !== undefined ? { size: v.artifact.size } : {}) },
    ...(v.compatibility ? { compatibility: v.compatibility } : {}),
    ...(v.changelog ? { changelog: v.changelog } : {}),
    status: v.status,
    released: v.released,
    ...(metadata ? { metadata } : {}),
  };
}

function buildShard(m: AppManifest, versions: ShardVersion[], icon: FileRef | undefined): AppShard {
  return {
    formatVersion: 1,
    id: m.id,
    name: m.name,
    summary: m.summary,
    description: m.description,
    categories: m.categories,
    keywords: m.keywords ?? [],
    license: m.license,
    publisher: m.publisher,
    maintainers: m.maintainers,
    links: m.links ?? {},
    ...(icon ? { icon } : {}),
    screenshots: m.screenshots ?? [],
    status: m.status,
    versions,
  };
}

function indexEntry(app: IndexAppInput, icon: FileRef | undefined, shard: FileRef): IndexEntry {
  const m = app.manifest;
  const released = app.versions.filter((v) => v.status === "released").map((v) => v.released).sort();
  const deliveries = [...new Set(sortVersions(app.versions).map((v) => v.delivery))];
  const updated = released.at(-1);
  return {
    id: m.id,
    name: m.name,
    summary: m.summary,
    categories: m.categories,
    keywords: m.keywords ?? [],
    license: m.license,
    publisher: m.publisher,
    ...(icon ? { icon } : {}),
    status: m.status,
    deliveries,
    latest: selectLatest(app.versions),
    ...(updated ? { updated } : {}),
    versions: app.versions.length,
    shard,
  };
}

function addFile(files: Map<string, Buffer>, path: string, bytes: Buffer, mediaType?: string): FileRef {
  files.set(path, bytes);
  return { path, sha256: sha256Hex(bytes), size: bytes.length, ...(mediaType ? { mediaType } : {}) };
}

function isAbsolute(url: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(url);
}

function extension(fileName: string): string {
  return fileName.slice(fileName.lastIndexOf(".") + 1).toLowerCase();
}
