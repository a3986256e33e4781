import type { ValidateOptions } from "../validate/validate-options.ts";
import type { Partition } from "./partition.ts";

/** How a registry run goes: none of these changes what it finds, only how fast, or which part. */
export interface RunOptions {
  /**
   * Folder of the manifest cache (`manifest-cache.ts`): parse and schema results by Git
   * blob id, so a run does not parse or check unchanged manifests again; no cache when
   * undefined, or for runs over fewer than 100 apps.
   */
  manifestCacheDir?: string;
  /**
   * Only the apps of this partition (`--partition i/n`, by `slotOf` the app id).
   * Problems outside app folders (categories, `apps/` itself, mirrors) are reported by
   * partition 0 only, so the merged reports of all partitions equal one full run's.
   */
  partition?: Partition;
  /**
   * Threads to spread the apps over, this one included (at most one per app); default:
   * one per core, when each gets at least 250 apps. 1 validates in this thread only.
   */
  threads?: number;
  /** Called as apps are read and checked: apps done, apps in all. */
  onProgress?: (done: number, total: number) => void;
  /**
   * Read and check only these publisher records (ids), not every one under
   * `.github/appshelf/publishers/`: check-pr names those its apps and changed files need, so
   * its cost does not grow with the registry. Validation threads read every record.
   */
  onlyPublishers?: ReadonlySet<string>;
  /**
   * Bound how far the process's V8 heaps grow (`boundHeapGrowth`) when the run is about to
   * parse its apps rather than answer them from whole-app results (see
   * `cachedWholeResults`): `appshelf build` sets it, for its peak memory at 50,000 apps.
   */
  boundHeapGrowth?: boolean;
}

/** Options of a registry run: what to validate, and how. */
export type RegistryRunOptions = ValidateOptions & RunOptions;

/**
 * What a run keeps of each app besides diagnostics and counts: `"facts"` the apps' facts
 * and metadata; `"index"` instead each valid app's files for the index, built where the
 * app was validated (so parsed manifests never cross threads); `"diagnostics"` nothing.
 * Internal to the run layer: each public entry point has its own result type.
 */
export type RunOutput = "facts" | "index" | "diagnostics";
