import os from "node:os";
import path from "node:path";
import { sharedHelm } from "../artifact/helm-tool/resolve-helm.ts";
import { openMirror } from "../artifact/mirror.ts";
import { DEFAULT_FETCH_LIMITS } from "../artifact/fetch-artifact.ts";
import { compileSchemas } from "../json/schemas.ts";
import { listWorkTree } from "../git/list-blob-ids.ts";
import type { NativeName } from "../names/native-names.ts";
import { claimedNamesOf } from "./claimed-names.ts";
import { listRegistry, type LoadedRegistry } from "../manifest/load-registry.ts";
import type { VersionManifest } from "../manifest/types.ts";
import { capPerFile } from "../report/cap-diagnostics.ts";
import { appendDiagnostics, error, sortDiagnostics, warning, type Diagnostic } from "../report/diagnostic.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { readPublishersCached } from "./publishers-cache.ts";
import { checkCategories } from "../validate/check-categories.ts";
import { checkNativeNames } from "../validate/check-native-names.ts";
import type { ValidateOptions } from "../validate/validate-options.ts";
import type { AppsValidation } from "./apps-validation.ts";
import { boundHeapGrowth, cachedWholeResults } from "./bound-heap-growth.ts";
import { engineKey } from "./engine-key.ts";
import { CACHE_BUCKETS, cacheBucketOf, openManifestCache } from "./manifest-cache.ts";
import { inPartition } from "./partition.ts";
import type { IndexHosting } from "./index-input.ts";
import type { IndexValidation, RegistryDiagnostics, ValidationResult } from "./registry-results.ts";
import type { RegistryRunOptions, RunOutput } from "./run-options.ts";
import { validateApps, type AppsContext } from "./validate-apps.ts";
import { startValidationThreads, validateInThreads, type StartedThreads } from "./validate-in-threads.ts";
import { busyOthers, chooseThreadCount, MIN_APPS_PER_THREAD } from "./thread-count.ts";

/** Fewest apps worth the manifest cache: fewer are parsed faster than a cache pack is read. */
const MIN_APPS_FOR_CACHE = 100;

/**
 * Validates the registry at `options.root`: layout, YAML, JSON Schemas, the named semantic
 * rules (validate/rules) and the release artifacts (digest and size). Reports every
 * problem in one run, with every app's facts. Large registries are validated in worker
 * threads (the apps split between them), and with `manifestCacheDir` unchanged manifests
 * come from the cache; the result is the same. Never throws for bad input; throws only
 * when `apps/` or `schema/categories.yaml` cannot be read at all.
 */
export async function validateRegistry(options: RegistryRunOptions): Promise<ValidationResult> {
  const { check, part, registry } = await runRegistry(options, "facts", {});
  return { ...check, apps: part.facts, metadata: part.metadata, registry: { ...registry, apps: part.loaded } };
}

/** {@link validateRegistry} keeping only the problems and counts (`appshelf validate`): lighter at scale. */
export async function checkRegistry(options: RegistryRunOptions): Promise<RegistryDiagnostics> {
  return (await runRegistry(options, "diagnostics", {})).check;
}

/**
 * {@link validateRegistry} for a build: instead of the facts, each valid app's index files,
 * built right after the app is validated (in its thread). Validation itself never builds
 * index files; this run layer does, after it.
 *
 * With `stagingDir` (a build's staging folder, `openStaging`), each app's files are written
 * there as soon as they are built and not kept (see `stageAppFiles`; an app whose shard may
 * name a hosted copy keeps its files, which the build reads): the build then writes the
 * registry-wide files into the same folder and publishes it (`buildRegistry` with
 * `staging`). The caller discards the folder when it does not build (validation errors).
 *
 * @param hosting how hosted copies are published: `hostArtifacts` (`build --host-artifacts`)
 *   and `releaseAssets` (`build --release-assets <owner/repo>`: copies' URLs are release
 *   assets of that repository); recorded in the result (`artifactSources.hostArtifacts`, `releaseAssets`)
 * @throws Error when an app's files cannot be written into `stagingDir`
 */
export async function validateForIndex(
  options: RegistryRunOptions,
  hosting: IndexHosting = {},
  stagingDir?: string,
): Promise<IndexValidation> {
  const { check, part, cacheFolder } = await runRegistry(options, "index", hosting, stagingDir);
  const result: IndexValidation = { ...check, root: options.root, index: part.index ?? [] };
  if (cacheFolder !== undefined) result.cacheFolder = cacheFolder;
  if (part.indexError !== undefined) result.indexError = part.indexError;
  if (hosting.releaseAssets) result.releaseAssets = hosting.releaseAssets;
  return result;
}

/** What one run gives: the diagnostics, the apps' part, the registry as listed, and the cache folder it used (when it had one). */
interface RunResult {
  check: RegistryDiagnostics;
  part: AppsValidation;
  registry: LoadedRegistry;
  cacheFolder?: string;
}

/** One run over the registry, keeping `output` of each app (with `"index"`, built with `hosting`). */
async function runRegistry(
  options: RegistryRunOptions,
  output: RunOutput,
  hosting: IndexHosting,
  stagingDir?: string,
): Promise<RunResult> {
  // The sample of busy cores spans the listing (this process's own CPU is left out of it).
  const sample = busySample();
  const listing = listRegistry(options.root, options.apps);
  const partition = options.partition;
  const ids = partition ? listing.ids.filter((id) => inPartition(id, partition)) : listing.ids;
  const global = !partition || partition.index === 0;
  // The thread count first: its sample of busy cores must not count the Git processes below.
  const threads = await threadCount(options.threads, ids.length, sample);
  // Worker threads load the engine while this thread lists and reads what they will need.
  const started = threads > 1 ? startValidationThreads(threads - 1) : undefined;
  try {
    return await runApps(options, output, hosting, { listing, ids, global, threads, started, stagingDir });
  } finally {
    // Threads handed work end with it; these stop only when the run failed before.
    started?.stop();
  }
}

/** The rest of {@link runRegistry}, once the apps are listed and the threads started. */
async function runApps(
  options: RegistryRunOptions,
  output: RunOutput,
  hosting: IndexHosting,
  run: {
    listing: ReturnType<typeof listRegistry>;
    ids: string[];
    global: boolean;
    threads: number;
    started?: StartedThreads | undefined;
    /** A build's staging folder (see `validateForIndex`). */
    stagingDir?: string | undefined;
  },
): Promise<RunResult> {
  const { listing, ids, global, threads, started, stagingDir } = run;
  const hostArtifacts = hosting.hostArtifacts === true;
  const { releaseAssets } = hosting;
  const validate = validateOptionsOf(options);
  const partition = options.partition;
  // Git lists what it vouches for (whole app folders only where whole-app results are used,
  // not for facts) while this thread reads the category list and the publisher records.
  const treeListing =
    options.manifestCacheDir === undefined || ids.length < MIN_APPS_FOR_CACHE
      ? undefined
      : listWorkTree(options.root, blobPaths(ids, options), output === "facts" ? undefined : "apps");
  const { categories, diagnostics: categoryProblems } = checkCategories(listing.categories);
  const { mirror, missing } = await openMirror(options.mirrors);
  const cacheKey = treeListing && engineKey();
  const publishers =
    cacheKey !== undefined && options.manifestCacheDir !== undefined
      ? readPublishersCached(options.root, options.onlyPublishers, path.join(options.manifestCacheDir, cacheKey))
      : readPublishers(options.root, options.onlyPublishers);
  const categoryIds = new Set(categories.map((c) => c.id));
  let done = 0;
  const progress = () => options.onProgress?.(++done, ids.length);
  // A build checks its registry-wide files against these at the end: compiled while Git lists the work tree.
  if (output === "index" && global) compileSchemas(["index", "catalog", "bin", "names"]);
  const tree = await treeListing;
  const cache =
    tree && cacheKey !== undefined && options.manifestCacheDir !== undefined
      ? { dir: options.manifestCacheDir, key: cacheKey, blobIds: tree.blobIds, folders: tree.folders }
      : undefined;
  // Bounded heap growth costs time; it is worth it only when the apps are parsed, not answered from the cache.
  if (options.boundHeapGrowth && !(cache && cachedWholeResults(path.join(cache.dir, cache.key), ids.length)))
    boundHeapGrowth();
  let part: AppsValidation;
  const complete = completeBuckets(listing.ids, ids, options);
  if (threads > 1) {
    part = await validateInThreads(ids, validate, {
      categories: categoryIds,
      output,
      hostArtifacts,
      releaseAssets,
      stagingDir,
      threads,
      started,
      cache,
      completeBuckets: complete,
      mirror,
      publishers: publishers.records,
      onProgress: (n) => options.onProgress?.((done += n), ids.length),
    });
  } else {
    const context: AppsContext = {
      categories: categoryIds,
      output,
      hostArtifacts,
      releaseAssets,
      publishers: publishers.records,
      mirror,
      onApp: progress,
      completeBuckets: new Set(complete),
    };
    if (stagingDir !== undefined) context.staging = { dir: stagingDir, made: new Set() };
    if (cache)
      Object.assign(context, {
        cache: openManifestCache(cache.dir, cache.key),
        blobIds: cache.blobIds,
        folders: cache.folders,
      });
    part = await validateApps(ids, validate, context);
  }
  const diagnostics: Diagnostic[] = global ? [...listing.diagnostics] : [];
  appendDiagnostics(diagnostics, part.layout);
  if (global) {
    appendDiagnostics(appendDiagnostics(diagnostics, categoryProblems), publishers.diagnostics);
    for (const dir of missing)
      diagnostics.push(
        warning("artifact/mirror-missing", dir, undefined, `mirror folder ${dir} does not exist; skipped`),
      );
  }
  appendDiagnostics(diagnostics, part.diagnostics);
  // Names are registry-wide: checked when every app was validated (not per partition, not for a few named apps).
  if (!partition && !options.apps) appendDiagnostics(diagnostics, checkNativeNames(claimedNames(part)));
  if (options.apps && global) {
    for (const id of options.apps) {
      if (!listing.ids.includes(id))
        diagnostics.push(error("layout/unknown-app", `apps/${id}`, undefined, `there is no app folder apps/${id}`));
    }
  }
  const registry: LoadedRegistry = {
    root: options.root,
    apps: [],
    categories: listing.categories,
    diagnostics: [...(global ? listing.diagnostics : []), ...part.layout],
  };
  const check: RegistryDiagnostics = {
    diagnostics: capPerFile(sortDiagnostics(diagnostics)),
    categories,
    counts: { apps: ids.length, versions: part.versions, artifactsVerified: part.artifactsVerified },
    unavailable: part.unavailable,
    artifactSources: {
      mirrors: options.mirrors,
      ...(options.cacheDir !== undefined ? { cacheDir: options.cacheDir } : {}),
      offline: options.offline,
      limits: options.limits ?? DEFAULT_FETCH_LIMITS,
      hostArtifacts,
    },
  };
  if (options.ledger) check.ledger = part.ledger;
  if (tree?.clean !== undefined && !partition && !options.apps) check.workTreeClean = tree.clean;
  if (part.chartsJudged) check.counts.helm = await describeHelm();
  return { check, part, registry, ...(cache ? { cacheFolder: path.join(cache.dir, cache.key) } : {}) };
}

/** The validation part of a run's options: plain data, to hand to a worker thread. */
function validateOptionsOf(options: RegistryRunOptions): ValidateOptions {
  const { root, apps, mirrors, offline, requireArtifacts, limits, cacheDir, verdictCacheDir, ledger } = options;
  return {
    root,
    mirrors,
    offline,
    requireArtifacts,
    ...(apps ? { apps } : {}),
    ...(limits ? { limits } : {}),
    ...(cacheDir !== undefined ? { cacheDir } : {}),
    ...(verdictCacheDir !== undefined ? { verdictCacheDir } : {}),
    ...(ledger ? { ledger } : {}),
  };
}

/** The Helm binary charts were judged by, for reports: `v4.1.4 (bundled)`, or `not found`. */
async function describeHelm(): Promise<string> {
  const helm = await sharedHelm().catch(() => undefined);
  return helm ? `${helm.version} (${helm.source})` : "not found";
}

/** Threads for `apps` apps: {@link chooseThreadCount} with this machine's cores and how many of them are busy now. */
async function threadCount(
  asked: number | undefined,
  apps: number,
  sample: (ms: number) => Promise<number>,
): Promise<number> {
  const cores = os.availableParallelism();
  const choice = { asked, apps, cores };
  // Only worth sampling when more than one thread could be chosen.
  if (asked !== undefined || cores < 2 || apps < 2 * MIN_APPS_PER_THREAD)
    return chooseThreadCount({ ...choice, load: 0 });
  return chooseThreadCount({ ...choice, load: await sample(BUSY_SAMPLE_MS) });
}

/**
 * Shortest sample of CPU times to see how many cores other work keeps busy, in ms (from the
 * start of the run: the registry's listing happens within it). At 100 ms and Linux's 10 ms
 * ticks, each core's share is known to about 0.1, enough to round the idle cores.
 */
const BUSY_SAMPLE_MS = 100;

/**
 * Starts a sample of the cores other work keeps busy (`busyOthers`: this process's own CPU
 * time, all its threads, left out); the returned function resolves it once at least `ms`
 * have passed since the start.
 */
function busySample(): (ms: number) => Promise<number> {
  const before = os.cpus().map((cpu) => cpu.times);
  const own = process.cpuUsage();
  const started = performance.now();
  return async (ms) => {
    const wait = ms - (performance.now() - started);
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    const used = process.cpuUsage(own);
    return busyOthers(
      before,
      os.cpus().map((cpu) => cpu.times),
      (used.user + used.system) / 1000,
      performance.now() - started,
    );
  };
}

/** What to ask Git for blob ids of: the whole `apps/` folder, or the chosen apps' folders when they are few. */
function blobPaths(ids: readonly string[], options: RegistryRunOptions): string[] {
  return options.apps && ids.length <= 1000 ? ids.map((id) => `apps/${id}`) : ["apps"];
}

/**
 * The cache buckets this run checked every app of (so their packs can be rewritten with
 * exactly what is in use): none when only some named apps were validated.
 */
function completeBuckets(all: readonly string[], validated: readonly string[], options: RegistryRunOptions): number[] {
  if (options.apps) return [];
  const checked = new Set(validated);
  const partial = new Set(all.filter((id) => !checked.has(id)).map((id) => cacheBucketOf(id)));
  return Array.from({ length: CACHE_BUCKETS }, (_, b) => b).filter((b) => !partial.has(b));
}

/**
 * Every native name the validated apps claim: from their index files when built, else from
 * their facts, else (a run keeping only diagnostics) as each batch gathered them.
 */
function claimedNames(part: AppsValidation): NativeName[] {
  if (part.index) return part.index.flatMap((a) => a.names);
  return part.names ?? claimedNamesOf(part.facts, part.metadata);
}
