import { createHash } from "node:crypto";
import { sha256Hex } from "../artifact/digest.ts";
import { versionKey, type AppManifest, type Category, type VersionManifest } from "../manifest/types.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { DEFAULT_BIN_PREFIX_LENGTH } from "./assign-bin.ts";
import { buildBins } from "./build-bins.ts";
import { assembleHelmIndex, helmIndexEntry, type HelmIndexEntry } from "./build-helm-index.ts";
import { hostedFileName } from "../manifest/hosted-file-name.ts";
import { releaseAssetName, releaseAssetUrl, type ReleaseAssetHosting } from "./release-assets/release-asset-url.ts";
import { canonicalJson } from "../json/canonical-json.ts";
import type { NextcloudApiShare } from "./nextcloud-api/api-types.ts";
import { buildNextcloudApi } from "./nextcloud-api/build-nextcloud-api.ts";
import { nextcloudApiApp } from "./nextcloud-api/nextcloud-api-app.ts";
import type { AppShard, Catalog, CatalogEntry, FileRef, RegistryIndex, ShardVersion } from "./index-types.ts";
import { assertPublication, type Publication } from "./publication.ts";
import { selectLatest, sortVersions } from "./select-latest.ts";
import { nativeNamesOf, versionNamesOf, type NativeName } from "../names/native-names.ts";
import { encodeNameTable } from "../names/name-table.ts";
import { publishPublisher, type PublishedPublisher, type PublisherRecord } from "../publisher/publisher-record.ts";

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
  /** Versions published from the verification ledger whose URL is gone, keyed by {@link versionKey}: YYYY-MM-DD since when. */
  unavailable?: ReadonlyMap<string, string>;
  /** Publisher records by id (`.github/appshelf/publishers/`): at least the app's publisher and its versions' `packagedBy`. */
  publishers: ReadonlyMap<string, PublisherRecord>;
  /** Also host copies of released helm charts that have an upstream URL (`build --host-artifacts`). */
  hostArtifacts?: boolean;
  /** Host copies as GitHub Release assets of this repository instead of beside the index (`build --release-assets`). */
  releaseAssets?: ReleaseAssetHosting;
}

/** Everything the index is built from. */
export interface IndexInput {
  categories: readonly Category[];
  apps: readonly IndexAppInput[];
  /** Download counts (`.github/appshelf/downloads.json`, schema/stats.schema.json), published as `stats.json` and pinned. */
  stats?: Buffer;
  /** The verification ledger (`ledger/`, schema/ledger.schema.json), published as `ledger.json` and pinned. */
  ledger?: Buffer;
  /** The review ledger (schema/reviews.schema.json), published as `reviews.json` and pinned: the next publish reuses it. */
  reviews?: Buffer;
  /** The site's base URL (HTTPS): makes hosted copies' download URLs absolute in the Nextcloud API. */
  siteUrl?: string;
  /** The Git commit whose apps/ this build read (full id), signed in index.json as `source.commit`; absent when unknown. */
  sourceCommit?: string;
}

const MEDIA_TYPES: Record<string, string> = { svg: "image/svg+xml", png: "image/png" };

/** One app's share of the published files: what {@link buildIndex} builds per app, and a worker thread can build apart. */
export interface AppIndexFiles {
  id: string;
  /** The app's files by output path: icon, in-repo artifacts, then its shard `apps/<id>.json`; empty once staged. */
  files: Map<string, Buffer>;
  /**
   * How many of the app's files were written into a build's staging folder ahead of the
   * rest (`stageAppFiles`) and left out of `files`; absent when none were.
   */
  staged?: number;
  /** Pin of the shard. */
  shard: FileRef;
  /** The app's entry of catalog.json. */
  entry: CatalogEntry;
  /** Its released helm versions' entries of helm/index.yaml, rendered. */
  helm: HelmIndexEntry[];
  /** The native names its versions claim (chart, Nextcloud app id, Compose project): one app each. */
  names: NativeName[];
  /** The same claims version by version (`versionNamesOf`): what `names.json` publishes; empty once encoded in `nameTableEntry`. */
  versionNames: NativeName[];
  /** Its entry of `names.json` already encoded (`nameTableEntry`; `""` when it claims no name), kept instead of `versionNames` by a staged build. */
  nameTableEntry?: string;
  /** Its share of the Nextcloud app store API, when it has Nextcloud versions. */
  nextcloud?: NextcloudApiShare;
  /**
   * SHA-256 (hex) of what the registry-wide files read of this app besides its shard pin
   * (see `assembleRegistryFiles`): `entry`, `helm` (with each entry's text), `names`,
   * `versionNames` and `nextcloud`, as JSON (the same text for the same data, however it was
   * read) as {@link buildAppIndexFiles} made them. Set there; later steps only move those fields (spill the Helm texts, encode
   * the version names), never change them. Absent: not made there (the build then assembles
   * the registry-wide files afresh).
   */
  digest?: string;
}

/**
 * Builds the published files (pure: no I/O, no clock) as a map from path (relative to the
 * output folder) to bytes:
 * - `index.json`, the small top file that gets signed: `serial`, `expires`, and pins
 *   (sha256 + size) of the catalog, the Helm index and every non-empty hashed bin;
 * - `catalog.json`: summary fields of every app and the categories (search, the site);
 * - `bins/<prefix>.json`: pins of the shards of the apps hashed into each bin
 *   (see {@link buildBins}; TUF hashed bins as in PEP 458);
 * - `apps/<id>.json` shards, icons `icons/<id>.<ext>`, in-repo artifacts
 *   `artifacts/<id>/<delivery>/<version>/<file name>`, and `helm/index.yaml`; hosted copies'
 *   URLs are `artifacts/...` too, or with `releaseAssets` GitHub Release asset URLs;
 * - the static Nextcloud app store API `api/v1/...` (see `buildNextcloudApi`), pinned.
 * So a runtime resolving one app reads index.json, one bin and one shard. Same input,
 * byte-identical output. Equals {@link assembleIndex} of {@link buildAppIndexFiles} of
 * each app.
 *
 * @throws Error on an invalid publication, or an in-repo artifact missing from the input.
 */
export function buildIndex(input: IndexInput, publication: Publication): Map<string, Buffer> {
  assertPublication(publication);
  return assembleIndex(input.apps.map(buildAppIndexFiles), input, publication);
}

/**
 * One app's files, shard pin, catalog entry and Helm index entries. Pure.
 *
 * @throws Error when an in-repo artifact or a named publisher record is missing from the input
 */
export function buildAppIndexFiles(app: IndexAppInput): AppIndexFiles {
  const files = new Map<string, Buffer>();
  const icon = app.icon
    ? addFile(
        files,
        `icons/${app.manifest.id}.${extension(app.icon.fileName)}`,
        app.icon.bytes,
        MEDIA_TYPES[extension(app.icon.fileName)],
      )
    : undefined;
  const sorted = sortVersions(app.versions);
  const versions = sorted.map((v) => shardVersion(app, v, files));
  const helm: HelmIndexEntry[] = [];
  for (const [i, v] of sorted.entries()) {
    if (v.delivery !== "helm") continue;
    const meta = app.metadata?.get(versionKey(v));
    const url = versions[i]?.artifact.url ?? "";
    const listed = isAbsolute(url) ? url : `../${url}`;
    // Our copy first, then the upstream URL when it serves the same bytes (never a hosted copy's `source`).
    const urls = v.artifact.url !== undefined && v.artifact.url !== url ? [listed, v.artifact.url] : [listed];
    helm.push(
      ...helmIndexEntry({
        app: app.manifest,
        version: v,
        url: listed,
        urls,
        ...(meta && "helm" in meta ? { chart: meta.helm } : {}),
      }),
    );
  }
  const publisher = publisherOf(app, app.manifest.publisher);
  const shard = addFile(
    files,
    `apps/${app.manifest.id}.json`,
    canonicalJson(buildShard(app.manifest, versions, icon, publisher)),
  );
  const fileOf = (v: VersionManifest) => `apps/${app.manifest.id}/versions/${v.delivery}/${v.version}.yaml`;
  const names = nativeNamesOf(app.manifest.id, sorted, app.metadata, fileOf);
  const versionNames = versionNamesOf(app.manifest.id, sorted, app.metadata, fileOf);
  const nextcloud = nextcloudApiApp(
    app.manifest,
    sorted.map((version, i) => ({ version, url: versions[i]?.artifact.url ?? "" })),
    app.metadata ?? new Map(),
  );
  const entry = catalogEntry(app, icon, publisher);
  return {
    id: app.manifest.id,
    files,
    shard,
    entry,
    helm,
    names,
    versionNames,
    ...(nextcloud ? { nextcloud } : {}),
    digest: createHash("sha256")
      .update(JSON.stringify([entry, helm, names, versionNames, nextcloud ?? null], plainJson))
      .digest("hex"),
  };
}

/** The published form of publisher `id`. @throws Error when the input has no such record (validation reports `app/publisher-exists` first). */
function publisherOf(app: IndexAppInput, id: string): PublishedPublisher {
  const record = app.publishers.get(id);
  if (!record)
    throw new Error(`apps/${app.manifest.id}: publisher '${id}' has no record in .github/appshelf/publishers/`);
  return publishPublisher(record);
}

/** `suspension` only while suspended: a reinstated app or version shows no old reason. */
function whileSuspended(
  status: string,
  suspension: VersionManifest["suspension"],
): { suspension?: NonNullable<VersionManifest["suspension"]> } {
  return status === "suspended" && suspension ? { suspension } : {};
}

/**
 * The published files (see {@link buildIndex}) from each app's share: the apps' files,
 * then the registry-wide files ({@link assembleRegistryFiles}), `stats.json`, `ledger.json`,
 * `reviews.json` and `index.json` ({@link addIndexJson}). Pure.
 *
 * @throws Error on an invalid publication
 */
export function assembleIndex(
  apps: readonly AppIndexFiles[],
  input: Omit<IndexInput, "apps">,
  publication: Publication,
): Map<string, Buffer> {
  assertPublication(publication);
  const files = new Map<string, Buffer>();
  for (const app of sortedById(apps)) for (const [path, bytes] of app.files) files.set(path, bytes);
  const registry = assembleRegistryFiles(apps, {
    categories: input.categories,
    ...(input.siteUrl ? { siteUrl: input.siteUrl } : {}),
    binPrefixLength: publication.binPrefixLength ?? DEFAULT_BIN_PREFIX_LENGTH,
  });
  for (const [path, bytes] of registry.files) files.set(path, bytes);
  addIndexJson(files, registry.refs, input, publication);
  return files;
}

/** What the registry-wide files are built from besides the apps (see {@link assembleRegistryFiles}). */
export interface RegistryFilesInput {
  categories: readonly Category[];
  /** The site's base URL (see `IndexInput.siteUrl`): in the Nextcloud API's download URLs. */
  siteUrl?: string;
  /** Hex digits of a shard digest that name its bin (`Publication.binPrefixLength`). */
  binPrefixLength: number;
}

/** The pins index.json gives the registry-wide files (the `RegistryIndex` fields of the same names). */
export interface RegistryFileRefs {
  catalog: FileRef;
  helmIndex: FileRef;
  bins: RegistryIndex["bins"];
  names: FileRef;
  nextcloudApi?: FileRef[];
}

/**
 * The registry-wide files, built from every app's share and nothing of the publication but
 * its bin prefix length: `helm/index.yaml`, the Nextcloud app store API `api/v1/...` (when an
 * app has Nextcloud versions), `catalog.json`, the bins `bins/<prefix>.json` and `names.json`
 * (the native-name table, `encodeNameTable`), with their pins. They read of each app only
 * its shard pin and what {@link AppIndexFiles.digest} covers (a build may reuse them by
 * those: `registryFilesKey`). Pure.
 */
export function assembleRegistryFiles(
  apps: readonly AppIndexFiles[],
  input: RegistryFilesInput,
): { files: Map<string, Buffer>; refs: RegistryFileRefs } {
  const files = new Map<string, Buffer>();
  const entries: CatalogEntry[] = [];
  const shards = new Map<string, FileRef>();
  const helm: HelmIndexEntry[] = [];
  for (const app of sortedById(apps)) {
    shards.set(app.id, app.shard);
    entries.push(app.entry);
    helm.push(...app.helm);
  }
  const helmIndex = addFile(files, "helm/index.yaml", assembleHelmIndex(helm), "application/yaml");
  const shares = apps.flatMap((a) => (a.nextcloud ? [a.nextcloud] : []));
  const nextcloudApi =
    shares.length === 0
      ? undefined
      : [...buildNextcloudApi(shares, input.siteUrl).files].map(([path, value]) =>
          addFile(files, path, canonicalJson(value), "application/json"),
        );
  const active = new Map<string, number>();
  for (const e of entries)
    if (e.status === "active") for (const c of new Set(e.categories)) active.set(c, (active.get(c) ?? 0) + 1);
  const catalog: Catalog = {
    formatVersion: 1,
    apps: entries,
    categories: input.categories.map((c) => ({ ...c, apps: active.get(c.id) ?? 0 })),
  };
  const catalogRef = addFile(files, "catalog.json", canonicalJson(catalog));
  const prefixLength = input.binPrefixLength;
  const bins = buildBins(shards, prefixLength);
  for (const [path, bytes] of bins.files) files.set(path, bytes);
  const names = addFile(files, "names.json", encodeNameTable(apps), "application/json");
  return {
    files,
    refs: {
      catalog: catalogRef,
      helmIndex,
      bins: { prefixLength, files: bins.refs },
      names,
      ...(nextcloudApi ? { nextcloudApi } : {}),
    },
  };
}

/**
 * Adds `stats.json`, `ledger.json` and `reviews.json` (those `input` has) and `index.json`
 * (pinning them and `refs`, with the publication's serial and expiry and `source.commit`
 * when known) to `files`. Pure but for `files`.
 *
 * @returns the bytes of index.json
 */
export function addIndexJson(
  files: Map<string, Buffer>,
  refs: RegistryFileRefs,
  input: Pick<IndexInput, "stats" | "ledger" | "reviews" | "sourceCommit">,
  publication: Publication,
): Buffer {
  const index: RegistryIndex = {
    formatVersion: 2,
    serial: publication.serial,
    expires: publication.expires,
    catalog: refs.catalog,
    helmIndex: refs.helmIndex,
    bins: refs.bins,
    ...(input.stats ? { stats: addFile(files, "stats.json", input.stats, "application/json") } : {}),
    ...(input.ledger ? { ledger: addFile(files, "ledger.json", input.ledger, "application/json") } : {}),
    ...(input.reviews ? { reviews: addFile(files, "reviews.json", input.reviews, "application/json") } : {}),
    ...(input.sourceCommit ? { source: { commit: input.sourceCommit } } : {}),
    names: refs.names,
    ...(refs.nextcloudApi ? { nextcloudApi: refs.nextcloudApi } : {}),
  };
  const bytes = canonicalJson(index);
  files.set("index.json", bytes);
  return bytes;
}

/**
 * A key of everything {@link assembleRegistryFiles} reads (sha256, hex): `input`, and each
 * app's id, shard pin and {@link AppIndexFiles.digest}. Equal keys, equal files (with the
 * same engine: callers keep what they reuse per engine key). Undefined when an app has no
 * digest (its share was not made by {@link buildAppIndexFiles}).
 */
export function registryFilesKey(apps: readonly AppIndexFiles[], input: RegistryFilesInput): string | undefined {
  const hash = createHash("sha256");
  hash.update(JSON.stringify(["registry-files", input.categories, input.siteUrl ?? null, input.binPrefixLength]));
  for (const app of sortedById(apps)) {
    if (app.digest === undefined) return undefined;
    const { path, sha256, size, mediaType } = app.shard;
    hash.update(`\0${JSON.stringify([app.id, app.digest, path, sha256, size, mediaType ?? null])}`);
  }
  return hash.digest("hex");
}

/** A `JSON.stringify` replacer that keeps what is in a Map or Set (written as tagged entry lists), so a digest covers it. */
function plainJson(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { $map: [...value] };
  if (value instanceof Set) return { $set: [...value] };
  return value;
}

/** `apps` by id (as every registry-wide file lists them). */
function sortedById(apps: readonly AppIndexFiles[]): AppIndexFiles[] {
  return [...apps].sort((a, b) => (a.id < b.id ? -1 : 1));
}

function shardVersion(app: IndexAppInput, v: VersionManifest, files: Map<string, Buffer>): ShardVersion {
  const metadata = app.metadata?.get(versionKey(v));
  const unavailableSince = app.unavailable?.get(versionKey(v));
  let url = v.artifact.url ?? "";
  let source = v.artifact.source;
  if (v.artifact.path !== undefined) {
    const bytes = app.artifacts.get(v.artifact.path);
    if (!bytes) throw new Error(`apps/${app.manifest.id}: artifact ${v.artifact.path} was not provided to buildIndex`);
    const name = v.artifact.path.split("/").pop() ?? v.artifact.path;
    url = addFile(files, `artifacts/${app.manifest.id}/${v.delivery}/${v.version}/${name}`, bytes).path;
  } else if (isHosted(app, v)) {
    // The bytes are added by the build (`addHostedCopies`), which finds them by digest.
    url = app.releaseAssets
      ? releaseAssetUrl(
          app.releaseAssets,
          app.manifest.id,
          releaseAssetName(v.version, hostedFileOf(app.manifest.id, v)),
        )
      : hostedCopyPath(app.manifest.id, v);
    source = v.artifact.source ?? v.artifact.url;
  }
  return {
    version: v.version,
    delivery: v.delivery,
    ...(v.appVersion !== undefined ? { appVersion: v.appVersion } : {}),
    artifact: {
      url,
      sha256: v.artifact.sha256,
      ...(v.artifact.size !== undefined ? { size: v.artifact.size } : {}),
      ...(source !== undefined ? { source } : {}),
    },
    ...(v.compatibility ? { compatibility: v.compatibility } : {}),
    ...(v.changelog ? { changelog: v.changelog } : {}),
    status: v.status,
    ...whileSuspended(v.status, v.suspension),
    ...(v.packagedBy !== undefined ? { packagedBy: publisherOf(app, v.packagedBy) } : {}),
    released: v.released,
    ...(metadata ? { metadata } : {}),
    ...(unavailableSince ? { unavailableSince } : {}),
  };
}

function buildShard(
  m: AppManifest,
  versions: ShardVersion[],
  icon: FileRef | undefined,
  publisher: PublishedPublisher,
): AppShard {
  return {
    formatVersion: 1,
    id: m.id,
    name: m.name,
    summary: m.summary,
    description: m.description,
    categories: m.categories,
    keywords: m.keywords ?? [],
    license: m.license,
    publisher,
    maintainers: m.maintainers,
    links: m.links ?? {},
    ...(icon ? { icon } : {}),
    screenshots: m.screenshots ?? [],
    status: m.status,
    ...whileSuspended(m.status, m.suspension),
    versions,
  };
}

function catalogEntry(app: IndexAppInput, icon: FileRef | undefined, publisher: PublishedPublisher): CatalogEntry {
  const m = app.manifest;
  const released = app.versions
    .filter((v) => v.status === "released")
    .map((v) => v.released)
    .sort();
  const deliveries = [...new Set(sortVersions(app.versions).map((v) => v.delivery))];
  const updated = released.at(-1);
  return {
    id: m.id,
    name: m.name,
    summary: m.summary,
    categories: m.categories,
    keywords: m.keywords ?? [],
    license: m.license,
    publisher,
    ...(icon ? { icon } : {}),
    status: m.status,
    ...whileSuspended(m.status, m.suspension),
    deliveries,
    latest: selectLatest(app.versions),
    ...(updated ? { updated } : {}),
    versions: app.versions.length,
  };
}

/**
 * True when the registry publishes its own copy of a version's artifact: the manifest says
 * `hosted: true` (bytes published nowhere else), or the build hosts released helm charts
 * (`--host-artifacts`) so `helm pull` works without the upstream.
 */
export function isHosted(app: Pick<IndexAppInput, "hostArtifacts">, v: VersionManifest): boolean {
  if (v.artifact.path !== undefined) return false;
  return (
    v.artifact.hosted === true ||
    (app.hostArtifacts === true && v.delivery === "helm" && v.status === "released" && v.artifact.url !== undefined)
  );
}

/** Where a hosted copy is published, relative to index.json: `artifacts/<id>/<delivery>/<version>/<file>`. */
export function hostedCopyPath(appId: string, v: VersionManifest): string {
  return `artifacts/${appId}/${v.delivery}/${v.version}/${hostedFileOf(appId, v)}`;
}

/** The file name a hosted copy is published under (see `hostedFileName`): the same beside the index and as a release asset. */
export function hostedFileOf(appId: string, v: VersionManifest): string {
  return hostedFileName(`apps/${appId}/versions/${v.delivery}/${v.version}.yaml`, {
    ...((v.artifact.source ?? v.artifact.url) ? { source: v.artifact.source ?? v.artifact.url } : {}),
  });
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
