import { createHash } from "node:crypto";
import pLimit from "p-limit";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { DEFAULT_FETCH_LIMITS } from "../artifact/fetch-artifact.ts";
import type { InspectTools } from "../artifact/inspect/helm/check-with-helm.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { openMirror, type Mirror } from "../artifact/mirror.ts";
import type { ArtifactOptions } from "../artifact/verify-artifacts.ts";
import { gitBlobId } from "../git/list-blob-ids.ts";
import { checkedAppIndexFiles } from "../index/app-index-files.ts";
import type { AppIndexFiles } from "../index/build-index.ts";
import { loadApp, type LoadedApp } from "../manifest/load-registry.ts";
import type { LedgerEntry } from "../ledger/ledger-types.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { checkPublisherRefs } from "./check-publisher-refs.ts";
import { CACHE_BUCKETS, type ManifestCache } from "./manifest-cache.ts";
import { checkVersionArtifact } from "./check-version-artifact.ts";
import { manifestStore, type ManifestStore } from "./manifest-store.ts";
import { shardOf } from "./shard.ts";
import { APP_RULES, type AppFacts, type VersionFacts } from "./rules/index.ts";
import type { ValidateOptions } from "./validate-registry.ts";

/** Artifacts verified and inspected at the same time (downloads, archive reads). */
const ARTIFACT_CONCURRENCY = 8;

/** What {@link validateApps} works with besides the options. */
export interface AppsContext {
  /** Category ids of the valid category list. */
  categories: ReadonlySet<string>;
  /** Valid publisher records by id; read from `options.root` when not given. */
  publishers?: ReadonlyMap<string, PublisherRecord>;
  /** The manifest cache, and the blob ids Git vouches for (see `manifestStore`). */
  cache?: ManifestCache;
  blobIds?: ReadonlyMap<string, string>;
  /** Cache buckets whose every app is in this run: their packs are rewritten once checked. */
  completeBuckets?: ReadonlySet<number>;
  /** The mirror to look for artifacts in; opened from `options.mirrors` when not given. */
  mirror?: Mirror;
  /** Called after each app's files are read and checked (for progress). */
  onApp?: () => void;
  /**
   * Called with each batch's validation as soon as it is done, instead of keeping it for
   * the result (which then holds no apps): a thread posts it and forgets it.
   */
  onBatch?: (batch: AppsValidation) => void;
}

/** What validating some apps found. */
export interface AppsValidation {
  /** The app folders as read, in the order of the ids given. */
  loaded: LoadedApp[];
  /** Facts of each app, same order. */
  facts: AppFacts[];
  /** Layout problems of these app folders. */
  layout: Diagnostic[];
  /** Parse, schema, rule and artifact problems of these apps (unsorted). */
  diagnostics: Diagnostic[];
  /** Metadata read from well-formed artifacts: app folder -> `<delivery>/<version>` -> metadata. */
  metadata: Map<string, Map<string, ArtifactMetadata>>;
  /** Version files read. */
  versions: number;
  artifactsVerified: number;
  /** With a ledger (`options.ledger`): the entry of each artifact checked, fresh or reused, by SHA-256. */
  ledger: Record<string, LedgerEntry>;
  /** Versions published from the ledger whose URL is gone: app folder -> `<delivery>/<version>` -> YYYY-MM-DD. */
  unavailable: Map<string, Map<string, string>>;
  /** True when at least one Helm chart's bytes were verified and inspected. */
  chartsJudged?: boolean;
  /** With `results: "index"`: the index files of each valid app (see `checkedAppIndexFiles`). */
  index?: AppIndexFiles[];
  /** With `results: "index"`: the first failure to build an app's index files. */
  indexError?: string;
}

/**
 * Validates the app folders `ids` (under `options.root/apps`): reads each (through a
 * manifest store, which answers from the cache when there is one), checks every manifest
 * against its schema, runs the named rules, then verifies and inspects the release
 * artifacts a few at a time. Apps go in batches, one cache bucket at a time, so a bucket's
 * pack is written and its parsed manifests can be let go as soon as it is done (unless
 * the facts are wanted); the result lists the apps in the order of `ids`.
 */
export async function validateApps(ids: readonly string[], options: ValidateOptions, context: AppsContext): Promise<AppsValidation> {
  const mirror = context.mirror ?? (await openMirror(options.mirrors)).mirror;
  const publishers = context.publishers ?? readPublishers(options.root).records;
  const batches = new Map<number, string[]>();
  for (const id of ids) {
    const bucket = shardOf(id, CACHE_BUCKETS);
    const batch = batches.get(bucket);
    if (batch) batch.push(id);
    else batches.set(bucket, [id]);
  }
  const done: AppsValidation[] = [];
  for (const [bucket, batch] of [...batches].sort(([a], [b]) => a - b)) {
    const validation = await validateBatch(batch, options, { ...context, mirror, publishers });
    if (context.completeBuckets?.has(bucket)) context.cache?.save([bucket]);
    if (context.onBatch) context.onBatch(validation);
    else done.push(validation);
  }
  return mergeValidations(done, ids, options.results === "index");
}

/**
 * Validations of parts of `ids` as one, apps in the order of `ids`.
 *
 * @param index also merge the index files
 */
export function mergeValidations(parts: readonly AppsValidation[], ids: readonly string[], index: boolean): AppsValidation {
  const order = new Map(ids.map((id, i) => [id, i]));
  const byId = <T>(list: T[], id: (item: T) => string) => list.sort((a, b) => (order.get(id(a)) ?? 0) - (order.get(id(b)) ?? 0));
  const merged: AppsValidation = {
    loaded: byId(parts.flatMap((v) => v.loaded), (a) => a.id),
    facts: byId(parts.flatMap((v) => v.facts), (a) => a.folder),
    layout: parts.flatMap((v) => v.layout),
    diagnostics: parts.flatMap((v) => v.diagnostics),
    metadata: new Map(byId(parts.flatMap((v) => [...v.metadata]), ([folder]) => folder)),
    versions: parts.reduce((n, v) => n + v.versions, 0),
    artifactsVerified: parts.reduce((n, v) => n + v.artifactsVerified, 0),
    ledger: Object.assign({}, ...parts.map((v) => v.ledger)) as Record<string, LedgerEntry>,
    unavailable: new Map(parts.flatMap((v) => [...v.unavailable])),
  };
  if (parts.some((v) => v.chartsJudged)) merged.chartsJudged = true;
  if (index) merged.index = byId(parts.flatMap((v) => v.index ?? []), (a) => a.id);
  const indexError = parts.find((v) => v.indexError !== undefined)?.indexError;
  if (indexError !== undefined) merged.indexError = indexError;
  return merged;
}

async function validateBatch(ids: readonly string[], options: ValidateOptions, context: AppsContext & { mirror: Mirror; publishers: ReadonlyMap<string, PublisherRecord> }): Promise<AppsValidation> {
  const { categories, onApp = () => {} } = context;
  const store = manifestStore({ allowHttpLoopback: options.limits?.allowHttpLoopback ?? false, cache: context.cache, blobIds: context.blobIds });
  const layout: Diagnostic[] = [];
  const diagnostics: Diagnostic[] = [];
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
  const loaded: LoadedApp[] = [];
  const facts: AppFacts[] = [];
  for (const id of ids) {
    const app = loadApp(options.root, id, layout, store.read);
    loaded.push(app);
    facts.push(gatherFacts(app, categories, diagnostics, store));
    onApp();
  }
  for (const app of facts) {
    for (const rule of APP_RULES) diagnostics.push(...rule(app));
    diagnostics.push(...checkPublisherRefs(app, context.publishers));
  }
  const tools: InspectTools = { requireTools: options.requireArtifacts };
  if (options.verdictCacheDir !== undefined) tools.verdictDir = options.verdictCacheDir;
  const artifactOptions: ArtifactOptions = { root: options.root, mirror: context.mirror, offline: options.offline, requireArtifacts: options.requireArtifacts, limits };
  if (options.cacheDir) artifactOptions.cache = openArtifactCache(options.cacheDir);
  const metadata = new Map<string, Map<string, ArtifactMetadata>>();
  let artifactsVerified = 0;
  // Downloads and inspections run a few at a time: a registry may hold 100 000 versions.
  const limit = pLimit(ARTIFACT_CONCURRENCY);
  const checks = await Promise.all(facts.flatMap((app) => app.versions.map((v) => limit(() => checkVersionArtifact(app.folder, v, artifactOptions, options.ledger, tools, signingFacts(app))))));
  const ledger: Record<string, LedgerEntry> = {};
  const unavailable = new Map<string, Map<string, string>>();
  for (const check of checks) {
    diagnostics.push(...check.diagnostics);
    if (check.verified) artifactsVerified++;
    if (check.ledgerEntry) ledger[check.ledgerEntry.sha256] = check.ledgerEntry;
    if (check.unavailableSince) unavailable.set(check.folder, (unavailable.get(check.folder) ?? new Map<string, string>()).set(check.key, check.unavailableSince));
    if (check.metadata) {
      const perApp = metadata.get(check.folder) ?? new Map<string, ArtifactMetadata>();
      perApp.set(check.key, check.metadata);
      metadata.set(check.folder, perApp);
    }
  }
  const versions = loaded.reduce((n, a) => n + a.versions.length, 0);
  const validation: AppsValidation = { loaded, facts, layout, diagnostics, metadata, versions, artifactsVerified, ledger, unavailable };
  if (checks.some((c) => c.verified && c.key.startsWith("helm/"))) validation.chartsJudged = true;
  if (options.results === "index") Object.assign(validation, indexFilesOf(facts, metadata, unavailable, options.root, context.publishers, options.hostArtifacts === true, context.cache && { cache: context.cache, store }));
  if ((options.results ?? "facts") !== "facts") Object.assign(validation, { loaded: [], facts: [], metadata: new Map() });
  return validation;
}

/**
 * The index files of every valid app, or the first failure to build them. With a cache,
 * an app's files are taken from it when everything they are built from is unchanged.
 */
function indexFilesOf(
  facts: readonly AppFacts[],
  metadata: ReadonlyMap<string, ReadonlyMap<string, ArtifactMetadata>>,
  unavailable: ReadonlyMap<string, ReadonlyMap<string, string>>,
  root: string,
  publishers: ReadonlyMap<string, PublisherRecord>,
  hostArtifacts: boolean,
  cached?: { cache: ManifestCache; store: ManifestStore },
): Pick<AppsValidation, "index" | "indexError"> {
  const index: AppIndexFiles[] = [];
  for (const app of facts) {
    if (!app.app?.valid || app.versions.some((v) => !v.valid)) continue;
    const key = cached && indexFilesKey(app, metadata.get(app.folder), unavailable.get(app.folder), cached.store, publishers, hostArtifacts);
    const hit = key === undefined ? undefined : cached?.cache.getIndexFiles(app.folder, key);
    if (hit) {
      index.push(hit);
      continue;
    }
    try {
      const files = checkedAppIndexFiles(app, metadata.get(app.folder), root, publishers, unavailable.get(app.folder), hostArtifacts);
      if (key !== undefined) cached?.cache.setIndexFiles(app.folder, key, files);
      index.push(files);
    } catch (cause) {
      return { index, indexError: (cause as Error).message };
    }
  }
  return { index };
}

/**
 * A hash of everything an app's index files are built from: its manifests' content ids,
 * its icon's bytes, the publisher records it names and its artifacts' metadata (the build code is in the cache's engine
 * key). Undefined when a manifest has no content id, or a version keeps its artifact in
 * the repository (those bytes are not hashed here, so such apps are always built).
 */
function indexFilesKey(
  app: AppFacts,
  metadata: ReadonlyMap<string, ArtifactMetadata> | undefined,
  unavailable: ReadonlyMap<string, string> | undefined,
  store: ManifestStore,
  publishers: ReadonlyMap<string, PublisherRecord>,
  hostArtifacts: boolean,
): string | undefined {
  if (!app.app || app.versions.some((v) => v.data.artifact?.path !== undefined)) return undefined;
  const files = [app.app.parsed.file, ...app.versions.map((v) => v.parsed.file)];
  const ids = files.map((file) => store.idOf(file));
  if (ids.some((id) => id === undefined)) return undefined;
  const icon = app.icon ? [app.icon.file, gitBlobId(app.icon.bytes)] : null;
  const named = [app.app.data.publisher, ...app.versions.map((v) => v.data.packagedBy)].filter((id): id is string => id !== undefined);
  const records = [...new Set(named)].sort().map((id) => publishers.get(id) ?? null);
  return createHash("sha256").update(JSON.stringify([app.folder, files, ids, icon, records, metadata ? [...metadata] : null, unavailable ? [...unavailable] : null, hostArtifacts])).digest("hex");
}

/** The app manifest as Nextcloud code signing reads it (its certificate), when it passed its schema. */
function signingFacts(app: AppFacts): { data: AppManifest; parsed: ParsedYaml } | undefined {
  return app.app?.valid ? { data: app.app.data as AppManifest, parsed: app.app.parsed } : undefined;
}

/** Schema-checks an app's files and keeps, for the semantic rules, the properties that pass. */
function gatherFacts(loaded: LoadedApp, categories: ReadonlySet<string>, diagnostics: Diagnostic[], store: ManifestStore): AppFacts {
  const facts: AppFacts = { folder: loaded.id, versions: [], categories };
  if (loaded.icon) facts.icon = loaded.icon;
  if (loaded.app) {
    const { diagnostics: problems, checked } = store.check(loaded.app, "app");
    diagnostics.push(...problems);
    if (checked) facts.app = { parsed: loaded.app, data: checked.data as Partial<AppManifest>, valid: checked.valid };
  }
  for (const version of loaded.versions) {
    const { diagnostics: problems, checked } = store.check(version.parsed, "version");
    diagnostics.push(...problems);
    if (checked) facts.versions.push({ ...version, data: checked.data as Partial<VersionManifest>, valid: checked.valid });
  }
  return facts;
}
