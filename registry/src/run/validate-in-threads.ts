import { Worker } from "node:worker_threads";
import type { Mirror } from "../artifact/mirror.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";
import type { ValidateOptions } from "../validate/validate-options.ts";
import { fromAppsRecord } from "./apps-record.ts";
import { mergeValidations, type AppsValidation } from "./apps-validation.ts";
import { cacheBucketOf, openManifestCache } from "./manifest-cache.ts";
import type { RunOutput } from "./run-options.ts";
import { shareDiagnosticStrings } from "./share-strings.ts";
import { claimOf, isShared, newClaims } from "./shared-buckets.ts";
import type { ThreadInput, ThreadMessage } from "./thread-messages.ts";
import { validateApps, type AppsContext } from "./validate-apps.ts";

/** Young-generation size of a validation thread's heap (MB). */
const YOUNG_GENERATION_MB = 48;

/**
 * Worker threads started ahead of their work (see {@link startValidationThreads}), so their
 * start-up (loading the engine's modules, about 0.4 s) overlaps what the caller does before.
 */
export interface StartedThreads {
  workers: Worker[];
  /** The first error each worker raised (or its exit) before its work was handed over, by index. */
  early: Map<number, Error>;
  /** Indexes of the workers handed work (by `validateInThreads`). */
  handed: Set<number>;
  /** Stops the threads that were not handed work (when the run fails before). */
  stop(): void;
}

/**
 * Starts `count` validation threads that wait for their input (`validate-thread.ts` reads
 * its first message). They do not keep the process alive until {@link validateInThreads}
 * hands them work.
 */
export function startValidationThreads(count: number): StartedThreads {
  const early = new Map<number, Error>();
  const workers = Array.from({ length: count }, (_, i) => {
    // A bounded young generation: measured at 10,000 apps, the process's peak memory drops by about 100 MiB, with no loss of speed.
    const worker = new Worker(new URL("./validate-thread.ts", import.meta.url), {
      resourceLimits: { maxYoungGenerationSizeMb: YOUNG_GENERATION_MB },
    });
    worker.once("error", (cause) => early.set(i, cause));
    worker.once("exit", (code) => {
      if (!early.has(i)) early.set(i, new Error(`a validation thread stopped (exit code ${code}) before it finished`));
    });
    worker.unref();
    return worker;
  });
  const handed = new Set<number>();
  return {
    workers,
    early,
    handed,
    // A thread that was handed work ends on its own when done.
    stop: () => void Promise.all(workers.filter((_, i) => !handed.has(i)).map((w) => w.terminate())),
  };
}

/** How {@link validateInThreads} splits and caches. */
export interface ThreadsContext {
  categories: ReadonlySet<string>;
  /** What to keep of each app, and whether index files host helm charts. */
  output: RunOutput;
  hostArtifacts: boolean;
  /** With output "index": host copies as GitHub Release assets of this repository (`build --release-assets`). */
  releaseAssets?: ReleaseAssetHosting | undefined;
  /** With output "index": the build's staging folder, each app's files written there as built (in its thread). */
  stagingDir?: string | undefined;
  /** Threads in all, this one included. */
  threads: number;
  /** Worker threads already started (`threads - 1` of them); started here when not given. */
  started?: StartedThreads;
  /** The manifest cache, with what Git vouches for (`listWorkTree`: blob ids by path, folder digests by app id). */
  cache?:
    | { dir: string; key: string; blobIds: ReadonlyMap<string, string>; folders: ReadonlyMap<string, string> }
    | undefined;
  /** Cache buckets this run covers whole (their packs are rewritten). */
  completeBuckets: readonly number[];
  /** The mirror this thread looks for artifacts in. */
  mirror: Mirror;
  /** The publisher records the caller read: every thread's share is checked against them (each thread reads them when absent). */
  publishers?: ReadonlyMap<string, PublisherRecord> | undefined;
  /** Called with the number of apps checked since the last call. */
  onProgress: (apps: number) => void;
}

/**
 * `validateApps` over `ids` in `context.threads` threads: this one and worker threads
 * (`validate-thread.ts`), each taking the apps of some cache buckets (so each bucket's pack
 * has one owner). The results are merged back in the order of `ids`: the same result as
 * one thread.
 *
 * @throws Error when a thread fails (with its message)
 */
export async function validateInThreads(
  ids: readonly string[],
  options: ValidateOptions,
  context: ThreadsContext,
): Promise<AppsValidation> {
  const { threads } = context;
  // A bucket's apps go to one thread, or to every thread when shared (the first to claim it validates them).
  const threadsOf = (bucket: number): readonly number[] => (isShared(bucket) ? all : [bucket % threads]);
  const all = Array.from({ length: threads }, (_, t) => t);
  const groups: string[][] = Array.from({ length: threads }, () => []);
  for (const id of ids) for (const t of threadsOf(cacheBucketOf(id))) groups[t]?.push(id);
  const buckets = (t: number) => context.completeBuckets.filter((b) => threadsOf(b).includes(t));
  const claims = newClaims();
  // Workers first, so they start up while this thread takes its own share (group 0).
  const started = context.started ?? startValidationThreads(threads - 1);
  const workers = groups.slice(1).map((group, i) => {
    const input: ThreadInput = {
      ids: group,
      options,
      output: context.output,
      hostArtifacts: context.hostArtifacts,
      categories: [...context.categories],
      claims,
    };
    if (context.publishers) input.publishers = new Map(context.publishers);
    if (context.releaseAssets) input.releaseAssets = context.releaseAssets;
    if (context.stagingDir !== undefined) input.stagingDir = context.stagingDir;
    const cache = context.cache;
    // Every thread is given all of Git's folder digests and blob ids (it looks up only its own
    // apps'): a blob id is listed only for a file outside the folders with digests, so they are
    // few when little changed (listWorkTree); splitting them by thread would cost this thread
    // time before any worker had its input.
    if (cache)
      input.cache = {
        dir: cache.dir,
        key: cache.key,
        blobIds: cache.blobIds,
        folders: cache.folders,
        buckets: buckets(i + 1),
      };
    return runThread(started, i, input, context.onProgress, options.root, context.categories);
  });
  // Until this thread's own share is done, a worker's failure is only noted (handled below).
  for (const worker of workers) worker.catch(() => {});
  let unreported = 0;
  const own: AppsContext = {
    categories: context.categories,
    output: context.output,
    hostArtifacts: context.hostArtifacts,
    releaseAssets: context.releaseAssets,
    mirror: context.mirror,
    ...(context.publishers ? { publishers: context.publishers } : {}),
    completeBuckets: new Set(buckets(0)),
    claim: claimOf(claims),
    ...(context.stagingDir !== undefined ? { staging: { dir: context.stagingDir, made: new Set<string>() } } : {}),
    onApp: () => {
      if (++unreported < 50) return;
      context.onProgress(unreported);
      unreported = 0;
    },
  };
  if (context.cache)
    Object.assign(own, {
      cache: openManifestCache(context.cache.dir, context.cache.key),
      blobIds: context.cache.blobIds,
      folders: context.cache.folders,
    });
  const mine = await validateApps(groups[0] ?? [], options, own);
  context.onProgress(unreported);
  const parts = await Promise.all(workers);
  return mergeValidations([mine, ...parts.flat()], ids, context.output === "index");
}

/** Runs started thread `index` on `input`; its batches are restored as they arrive (while the threads go on). */
function runThread(
  started: StartedThreads,
  index: number,
  input: ThreadInput,
  onProgress: (apps: number) => void,
  root: string,
  categories: ReadonlySet<string>,
): Promise<AppsValidation[]> {
  return new Promise((resolve, reject) => {
    const worker = started.workers[index];
    const failed = started.early.get(index);
    if (!worker || failed) {
      reject(failed ?? new Error(`validation thread ${index} was not started`));
      return;
    }
    started.handed.add(index);
    worker.ref();
    worker.postMessage(input);
    const batches: AppsValidation[] = [];
    let settled = false;
    worker.on("message", (message: ThreadMessage) => {
      if (message.type === "progress") onProgress(message.apps);
      else if (message.type === "batch") {
        // Copied by postMessage, every string its own: share the diagnostics' repeated ones.
        shareDiagnosticStrings(message.record.diagnostics);
        batches.push(fromAppsRecord(message.record, root, categories));
      } else if (message.type === "done") {
        settled = true;
        resolve(batches);
      } else {
        settled = true;
        reject(Object.assign(new Error(message.message), message.stack ? { stack: message.stack } : {}));
      }
    });
    worker.on("error", (cause) => {
      settled = true;
      reject(cause);
    });
    worker.on("exit", (code) => {
      if (!settled) reject(new Error(`a validation thread stopped (exit code ${code}) before it finished`));
    });
  });
}
