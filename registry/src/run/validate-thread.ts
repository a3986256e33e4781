// A worker thread of `validateInThreads`: validates the apps in its input (a `ThreadInput`:
// `workerData`, or for a thread started ahead of its work, `startValidationThreads`, the first
// message) and posts progress, each batch's result as an `AppsRecord` as soon as it is
// done, then "done".
import module from "node:module";
import { parentPort, workerData } from "node:worker_threads";
import type { ThreadInput, ThreadMessage } from "./thread-messages.ts";
import type { AppsContext } from "./validate-apps.ts";

// Node's compile cache (per thread; in $NODE_COMPILE_CACHE, else Node's folder in the temp
// folder; off with NODE_DISABLE_COMPILE_CACHE=1), enabled before the engine is imported: once
// cached, the thread loads the engine in about half the CPU time (measured: 0.61 -> 0.31 s).
module.enableCompileCache();
const [{ toAppsRecord }, { openManifestCache }, { validateApps }, { claimOf }] = await Promise.all([
  import("./apps-record.ts"),
  import("./manifest-cache.ts"),
  import("./validate-apps.ts"),
  import("./shared-buckets.ts"),
]);

/** Apps checked between two progress messages. */
const PROGRESS_EVERY = 50;

const input = (workerData ?? (await new Promise((resolve) => parentPort?.once("message", resolve)))) as ThreadInput;
const post = (message: ThreadMessage) => parentPort?.postMessage(message);
try {
  let unreported = 0;
  const keepFacts = input.output === "facts";
  const context: AppsContext = {
    categories: new Set(input.categories),
    output: input.output,
    hostArtifacts: input.hostArtifacts,
    ...(input.publishers ? { publishers: input.publishers } : {}),
    ...(input.releaseAssets ? { releaseAssets: input.releaseAssets } : {}),
    ...(input.stagingDir !== undefined ? { staging: { dir: input.stagingDir, made: new Set<string>() } } : {}),
    onApp: () => {
      if (++unreported < PROGRESS_EVERY) return;
      post({ type: "progress", apps: unreported });
      unreported = 0;
    },
    onBatch: (batch) => post({ type: "batch", record: toAppsRecord(batch, keepFacts) }),
  };
  const claims = input.claims;
  if (claims) context.claim = claimOf(claims);
  if (input.cache)
    Object.assign(context, {
      cache: openManifestCache(input.cache.dir, input.cache.key),
      blobIds: input.cache.blobIds,
      folders: input.cache.folders,
      completeBuckets: new Set(input.cache.buckets),
    });
  await validateApps(input.ids, input.options, context);
  if (unreported > 0) post({ type: "progress", apps: unreported });
  post({ type: "done" });
} catch (cause) {
  const error = cause instanceof Error ? cause : new Error(String(cause));
  post({ type: "failed", message: error.message, ...(error.stack ? { stack: error.stack } : {}) });
}
