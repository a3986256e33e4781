import os from "node:os";
import { sharedHelm } from "../artifact/helm-tool/resolve-helm.ts";
import { openMirror } from "../artifact/mirror.ts";
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from "../artifact/fetch-artifact.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppIndexFiles } from "../index/build-index.ts";
import { listBlobIds } from "../git/list-blob-ids.ts";
import { listRegistry, type LoadedRegistry } from "../manifest/load-registry.ts";
import type { LedgerContext, LedgerEntry } from "../ledger/ledger-types.ts";
import type { Category } from "../manifest/types.ts";
import { error, sortDiagnostics, warning, type Diagnostic } from "../report/diagnostic.ts";
import { checkCategories } from "./check-categories.ts";
import { checkNativeNames } from "./check-native-names.ts";
import { nativeNamesOf, type NativeName } from "../index/native-names.ts";
import type { VersionManifest } from "../manifest/types.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { engineKey } from "./engine-key.ts";
import { CACHE_BUCKETS, openManifestCache } from "./manifest-cache.ts";
import type { AppFacts } from "./rules/index.ts";
import { inShard, shardOf, type Shard } from "./shard.ts";
import { validateApps, type AppsContext, type AppsValidation } from "./validate-apps.ts";
import { validateInThreads } from "./validate-in-threads.ts";
import { capPerFile } from "../report/cap-diagnostics.ts";

/** Fewest apps per thread worth starting a worker thread for. */
const MIN_APPS_PER_THREAD = 250;
/** Fewest apps worth the manifest cache: fewer are parsed faster than a cache pack is read. */
const MIN_APPS_FOR_CACHE = 100;

/** What to validate and how. */
export interface ValidateOptions {
  /** Absolute registry root (holds `apps/` and `schema/`). */
  root: string;
  /** Only these app ids (from `appshelf validate <paths>`); all apps when undefined. */
  apps?: ReadonlySet<string>;
  /** Mirror folders searched for artifacts before the network. */
  mirrors: readonly string[];
  /** Do not download artifacts. */
  offline: boolean;
  /** Unverifiable artifacts are errors, not warnings. */
  requireArtifacts: boolean;
  /** Download limits; defaults to {@link DEFAULT_FETCH_LIMITS}. `allowHttpLoopback` also lets manifests name `http://127.0.0.1` URLs (tests only). */
  limits?: FetchLimits;
  /** Folder of the digest-keyed download cache; no cache when undefined. */
  cacheDir?: string;
  /**
   * Folder of the manifest cache (`manifest-cache.ts`): parse and schema results by Git
   * blob id, so a run does not parse or check unchanged manifests again; no cache when
   * undefined, or for runs over fewer than 100 apps.
   */
  manifestCacheDir?: string;
  /**
   * Folder of cached Helm verdicts (by archive sha256, Helm version and kube version;
   * see `helm-tool/helm-verdict.ts`): the default folder when undefined, none when false.
   */
  verdictCacheDir?: string | false;
  /**
   * Only the apps of this shard (`--shard i/n`, by {@link shardOf} of the app id).
   * Problems outside app folders (categories, `apps/` itself, mirrors) are reported by
   * shard 0 only, so the merged reports of all shards equal one full run's.
   */
  shard?: Shard;
  /**
   * Threads to spread the apps over, this one included (at most one per app); default:
   * one per core, when each gets at least 250 apps. 1 validates in this thread only.
   */
  threads?: number;
  /** Called as apps are read and checked: apps done, apps in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * What the result holds besides diagnostics and counts: `"facts"` (default) the apps'
   * facts and metadata; `"index"` instead each valid app's files for the index, built
   * where the app was validated (what `buildRegistry` needs, without moving the parsed
   * manifests between threads); `"diagnostics"` nothing more.
   */
  results?: "facts" | "index" | "diagnostics";
  /**
   * The verification ledger of the last publish (see `checkVersionArtifact`): artifacts it
   * vouches for are not downloaded again. None (every artifact checked fresh, nothing
   * recorded) when undefined.
   */
  ledger?: LedgerContext;
  /** With `results: "index"`: also host copies of released helm charts that have an upstream URL (`build --host-artifacts`). */
  hostArtifacts?: boolean;
}

/** Where artifacts were looked for in a run (see {@link ValidateOptions}). */
export interface ArtifactSources {
  mirrors: readonly string[];
  cacheDir?: string;
  offline: boolean;
  limits: FetchLimits;
  /** The index files were built hosting copies of released helm charts (`--host-artifacts`). */
  hostArtifacts: boolean;
}

/** Result of a validation run. */
export interface ValidationResult {
  /** Every problem, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Facts of every app read, with the files that passed their schemas. */
  apps: AppFacts[];
  /** The category list, when it is valid. */
  categories: Category[];
  /** Number of apps and version files checked, and artifacts verified by digest. */
  counts: {
    apps: number;
    versions: number;
    artifactsVerified: number;
    /** The Helm that judged the charts (`v4.1.4 (bundled)`), or `not found`; absent when no chart was inspected. */
    helm?: string;
  };
  /** Metadata read from well-formed artifacts: app folder -> `<delivery>/<version>` -> metadata. */
  metadata: Map<string, Map<string, ArtifactMetadata>>;
  registry: LoadedRegistry;
  /** Where this run found artifacts: the build takes hosted copies from the same places. */
  artifactSources: ArtifactSources;
  /** With `results: "index"`: each valid app's files for the index. */
  index?: AppIndexFiles[];
  /** With `options.ledger`: the ledger to publish, by SHA-256 (every artifact checked in this run, fresh or reused). */
  ledger?: Record<string, LedgerEntry>;
  /** Versions published from the ledger whose URL is gone: app folder -> `<delivery>/<version>` -> YYYY-MM-DD. */
  unavailable: Map<string, Map<string, string>>;
  /** With `results: "index"`: why building an app's files failed (e.g. a shard that does not match its schema). */
  indexError?: string;
}

/**
 * Validates the registry at `options.root`: layout, YAML, JSON Schemas, the named semantic
 * rules (validate/rules) and the release artifacts (digest and size). Reports every
 * problem in one run. Large registries are validated in worker threads (the apps split
 * between them), and with `manifestCacheDir` unchanged manifests come from the cache;
 * the result is the same. Never throws for bad input; throws only when `apps/` or
 * `schema/categories.yaml` cannot be read at all.
 */
export async function validateRegistry(options: ValidateOptions): Promise<ValidationResult> {
  const listing = listRegistry(options.root, options.apps);
  const shard = options.shard;
  const ids = shard ? listing.ids.filter((id) => inShard(id, shard)) : listing.ids;
  const global = !shard || shard.index === 0;
  const { categories, diagnostics: categoryProblems } = checkCategories(listing.categories);
  const { mirror, missing } = await openMirror(options.mirrors);
  const publishers = readPublishers(options.root);
  const categoryIds = new Set(categories.map((c) => c.id));
  const threads = threadCount(options.threads, ids.length);
  let done = 0;
  const progress = () => options.onProgress?.(++done, ids.length);
  const cache = options.manifestCacheDir === undefined || ids.length < MIN_APPS_FOR_CACHE ? undefined : { dir: options.manifestCacheDir, key: engineKey(), blobIds: await listBlobIds(options.root, blobPaths(ids, options)) };
  let part: AppsValidation;
  const complete = completeBuckets(listing.ids, ids, options);
  if (threads > 1) {
    part = await validateInThreads(ids, options, { categories: categoryIds, threads, cache, completeBuckets: complete, mirror, onProgress: (n) => options.onProgress?.((done += n), ids.length) });
  } else {
    const context: AppsContext = { categories: categoryIds, publishers: publishers.records, mirror, onApp: progress, completeBuckets: new Set(complete) };
    if (cache) Object.assign(context, { cache: openManifestCache(cache.dir, cache.key), blobIds: cache.blobIds });
    part = await validateApps(ids, options, context);
  }
  const diagnostics: Diagnostic[] = global ? [...listing.diagnostics] : [];
  diagnostics.push(...part.layout);
  if (global) {
    diagnostics.push(...categoryProblems, ...publishers.diagnostics);
    for (const dir of missing) diagnostics.push(warning("artifact/mirror-missing", dir, undefined, `mirror folder ${dir} does not exist; skipped`));
  }
  diagnostics.push(...part.diagnostics);
  // Names are registry-wide: checked when every app was validated (not per shard, not for a few named apps).
  if (!shard && !options.apps) diagnostics.push(...checkNativeNames(claimedNames(part)));
  if (options.apps && global) {
    for (const id of options.apps) {
      if (!listing.ids.includes(id)) diagnostics.push(error("layout/unknown-app", `apps/${id}`, undefined, `there is no app folder apps/${id}`));
    }
  }
  const facts = (options.results ?? "facts") === "facts";
  const registry: LoadedRegistry = { root: options.root, apps: facts ? part.loaded : [], categories: listing.categories, diagnostics: [...(global ? listing.diagnostics : []), ...part.layout] };
  const result: ValidationResult = {
    diagnostics: capPerFile(sortDiagnostics(diagnostics)),
    apps: facts ? part.facts : [],
    categories,
    counts: { apps: ids.length, versions: part.versions, artifactsVerified: part.artifactsVerified },
    metadata: facts ? part.metadata : new Map(),
    registry,
    unavailable: part.unavailable,
    artifactSources: {
      mirrors: options.mirrors,
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      offline: options.offline,
      limits: options.limits ?? DEFAULT_FETCH_LIMITS,
      hostArtifacts: options.hostArtifacts === true,
    },
  };
  if (options.ledger) result.ledger = part.ledger;
  if (part.chartsJudged) result.counts.helm = await describeHelm();
  if (part.index) result.index = part.index;
  if (part.indexError !== undefined) result.indexError = part.indexError;
  return result;
}

/** The Helm binary charts were judged by, for reports: `v4.1.4 (bundled)`, or `not found`. */
async function describeHelm(): Promise<string> {
  const helm = await sharedHelm().catch(() => undefined);
  return helm ? `${helm.version} (${helm.source})` : "not found";
}

/** Threads for `apps` apps: as asked (at most one per app), else one per core as long as each gets {@link MIN_APPS_PER_THREAD}. */
function threadCount(asked: number | undefined, apps: number): number {
  return Math.max(1, asked === undefined ? Math.min(os.availableParallelism(), Math.floor(apps / MIN_APPS_PER_THREAD)) : Math.min(asked, apps));
}

/** What to ask Git for blob ids of: the whole `apps/` folder, or the chosen apps' folders when they are few. */
function blobPaths(ids: readonly string[], options: ValidateOptions): string[] {
  return options.apps && ids.length <= 1000 ? ids.map((id) => `apps/${id}`) : ["apps"];
}

/**
 * The cache buckets this run checked every app of (so their packs can be rewritten with
 * exactly what is in use): none when only some named apps were validated.
 */
function completeBuckets(all: readonly string[], validated: readonly string[], options: ValidateOptions): number[] {
  if (options.apps) return [];
  const checked = new Set(validated);
  const partial = new Set(all.filter((id) => !checked.has(id)).map((id) => shardOf(id, CACHE_BUCKETS)));
  return Array.from({ length: CACHE_BUCKETS }, (_, b) => b).filter((b) => !partial.has(b));
}

/** Every native name the validated apps claim: from their index files when built, else from their facts. */
function claimedNames(part: AppsValidation): NativeName[] {
  if (part.index) return part.index.flatMap((a) => a.names);
  return part.facts.flatMap((app) => {
    const versions = app.versions.filter((v) => v.valid).map((v) => v.data as VersionManifest);
    const files = new Map(app.versions.map((v) => [v.data as VersionManifest, v.parsed.file]));
    return nativeNamesOf(app.folder, versions, part.metadata.get(app.folder), (v) => files.get(v) ?? `apps/${app.folder}`);
  });
}
