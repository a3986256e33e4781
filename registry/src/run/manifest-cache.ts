import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { replaceFileSync } from "../fs/replace-file.ts";
import os from "node:os";
import path from "node:path";
import v8 from "node:v8";
import type { AppIndexFiles } from "../index/build-index.ts";
import type { PositionTable } from "../manifest/position-table.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { AppResult } from "./app-result-types.ts";
import { type OutputStore, outputStoreOf, pruneStore } from "./output-store.ts";
import { slotOf } from "./partition.ts";

/** What a manifest's parse and schema check gave, stored by the content's blob id. */
export interface ManifestCacheEntry {
  /** Parsed data; undefined when the file did not parse. */
  data: unknown;
  /** Where every node starts (`position-table.ts`, from `yaml`'s nodes); undefined when the file did not parse. */
  positions?: PositionTable;
  /** As first reported (the same content at another path gets them with its own path). */
  parseDiagnostics: Diagnostic[];
  /** The check's diagnostics after the parse diagnostics. */
  checkDiagnostics: Diagnostic[];
  /** Top-level properties that failed the schema, and whether the file is valid; undefined when it did not reach the schema. */
  checked?: { removed: string[]; valid: boolean };
}

/**
 * Number of pack files (cache buckets) the cache is split into, by app id (so threads load and
 * write their own). A thread validates one bucket's apps at a time and holds them until the
 * bucket is done, so this also sets how much a thread holds: 64 rather than 16 took the peak
 * memory of a 50,000-app build on two threads from 1,996 to 1,599 MiB.
 */
export const CACHE_BUCKETS = 64;

/** The cache bucket (pack file) an app's entries are kept in: `slotOf` its id among {@link CACHE_BUCKETS}. */
export function cacheBucketOf(appId: string): number {
  return slotOf(appId, CACHE_BUCKETS);
}

/**
 * A content-addressed cache of manifest checks, entries keyed by Git blob id (plus the
 * manifest kind and check options), and of apps' rule results and index files, each keyed by
 * a hash of what they are computed from; under a folder named by the engine key (see
 * `engineKey()`), split into {@link CACHE_BUCKETS} pack files (cache buckets) by
 * {@link cacheBucketOf} the app id. A pack is read on first use, and written back (atomically, holding the
 * entries used in this run only, so it never outgrows the registry) by {@link save} for
 * the buckets a run covered whole. A pack that cannot be read counts as empty.
 */
export interface ManifestCache {
  get(appId: string, key: string): ManifestCacheEntry | undefined;
  set(appId: string, key: string, entry: ManifestCacheEntry): void;
  /** An app's files for the index, by a key of everything they are built from (see `build-index-files.ts`). */
  getIndexFiles(appId: string, key: string): AppIndexFiles | undefined;
  setIndexFiles(appId: string, key: string, files: AppIndexFiles): void;
  /** What an app's rules reported (`checkAppRules`), by a key of everything they read (see `app-rules-key.ts`). */
  getRuleDiagnostics(appId: string, key: string): Diagnostic[] | undefined;
  setRuleDiagnostics(appId: string, key: string, diagnostics: Diagnostic[]): void;
  /**
   * A whole app's result (see `app-result.ts`), by a key of its folder's content as Git
   * vouches for it and everything else the result depends on. Kept in packs of their own
   * (`apps-<bucket>.bin`), so a run where every app of a bucket hits never reads that
   * bucket's manifest pack.
   */
  getAppResult(appId: string, key: string): AppResult | undefined;
  setAppResult(appId: string, key: string, result: AppResult): void;
  /**
   * The output store of an app's cache bucket (`output-store.ts`): the files of the whole-app
   * results kept with `stored`. When a bucket's app pack is saved, store files its results no
   * longer name are removed.
   */
  storeOf(appId: string): OutputStore;
  /**
   * Writes the packs of `buckets` (those whose every app was checked in this run) and lets
   * go of them; the first call also deletes caches of other engine keys. A bucket's
   * manifest pack that this run never read (every app came whole from its app pack) is
   * left as it is.
   */
  save(buckets: Iterable<number>): void;
}

/** Default cache folder: `$XDG_CACHE_HOME/appshelf/manifests`, else `~/.cache/appshelf/manifests`. */
export function defaultManifestCacheDir(): string {
  return path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "appshelf", "manifests");
}

/** Opens the cache under `dir` for engine `key`. */
export function openManifestCache(dir: string, key: string): ManifestCache {
  const folder = path.join(dir, key);
  const manifests = packSet<CacheValue>((bucket) => path.join(folder, `${bucket}.bin`));
  const apps = packSet<AppResult>((bucket) => path.join(folder, `apps-${bucket}.bin`));
  let pruned = false;
  return {
    get: (appId, key) => manifests.get(appId, `manifest:${key}`) as ManifestCacheEntry | undefined,
    set: (appId, key, entry) => manifests.set(appId, `manifest:${key}`, entry),
    getIndexFiles: (appId, key) => manifests.get(appId, `index:${key}`) as AppIndexFiles | undefined,
    setIndexFiles: (appId, key, files) => manifests.set(appId, `index:${key}`, files),
    getRuleDiagnostics: (appId, key) => manifests.get(appId, `rules:${key}`) as Diagnostic[] | undefined,
    setRuleDiagnostics: (appId, key, diagnostics) => manifests.set(appId, `rules:${key}`, diagnostics),
    getAppResult: (appId, key) => apps.get(appId, key),
    setAppResult: (appId, key, result) => apps.set(appId, key, result),
    storeOf: (appId) => outputStoreOf(folder, cacheBucketOf(appId)),
    save(buckets) {
      // A cache that cannot be written (read-only home, a concurrent run pruning) only costs time next run.
      try {
        mkdirSync(folder, { recursive: true });
        for (const bucket of buckets) {
          // The store holds what the pack's results name: pruned when the pack is rewritten (an
          // unchanged pack names what it named when the store was last pruned).
          const results = apps.changed(bucket) ? apps.usedIn(bucket) : undefined;
          const appsRead = apps.save(bucket, false);
          if (results)
            pruneStore(
              outputStoreOf(folder, bucket),
              new Set(results.flatMap((r) => r.index?.stored?.map((f) => f.sha256) ?? [])),
            );
          // A manifest pack not read in this run still holds what the app results came from.
          manifests.save(bucket, !appsRead);
        }
        if (!pruned)
          for (const other of readdirSync(dir))
            if (other !== key) rmSync(path.join(dir, other), { recursive: true, force: true });
        pruned = true;
      } catch {
        // ignored: see above
      }
    },
  };
}

/**
 * Pack files of one kind, one per cache bucket: each read on first use; `save` rewrites a
 * bucket's pack with the entries used in this run (unless nothing changed) and lets go of it.
 *
 * A pack is `v8.serialize` of a map from key to that entry's own `v8.serialize` bytes: reading
 * a pack makes one small buffer per entry (views of the file's bytes, outside the JavaScript
 * heap), and an entry becomes objects only when asked for, each time it is asked for. So a
 * bucket's entries are not all alive while its apps are checked one by one: at 10,000 apps
 * whole packs deserialized at once were copied by the young-generation collector while the
 * bucket's apps were checked (the largest share of a warm build's collection time). An entry
 * used and not set again is written back as the bytes it was read as.
 */
function packSet<T>(fileOf: (bucket: number) => string) {
  type Pack = { stored: Map<string, Uint8Array>; used: Map<string, Uint8Array | { value: T }>; added: boolean };
  const packs = new Map<number, Pack>();
  const pack = (appId: string) => {
    const bucket = cacheBucketOf(appId);
    let found = packs.get(bucket);
    if (!found) {
      found = { stored: readPack(fileOf(bucket)), used: new Map(), added: false };
      packs.set(bucket, found);
    }
    return found;
  };
  const valueOf = (entry: Uint8Array | { value: T }): T | undefined =>
    entry instanceof Uint8Array ? deserializeEntry<T>(entry) : entry.value;
  return {
    /** The entries of `bucket` used or added in this run (each read again); undefined when its pack was not opened. */
    usedIn(bucket: number): T[] | undefined {
      const found = packs.get(bucket);
      return found && [...found.used.values()].flatMap((entry) => valueOf(entry) ?? []);
    },
    /** Whether `bucket`'s pack will be rewritten by {@link save}: entries were added, or some stored were not used. */
    changed(bucket: number): boolean {
      const found = packs.get(bucket);
      return found !== undefined && (found.added || found.used.size !== found.stored.size);
    },
    get(appId: string, key: string): T | undefined {
      const { stored, used } = pack(appId);
      const entry = used.get(key) ?? stored.get(key);
      if (entry === undefined) return undefined;
      const value = valueOf(entry);
      // An entry that cannot be read is a miss (and is not written back).
      if (value !== undefined) used.set(key, entry);
      return value;
    },
    set(appId: string, key: string, value: T): void {
      const found = pack(appId);
      found.used.set(key, { value });
      found.added = true;
    },
    /**
     * Writes `bucket`'s pack; when it was never read in this run, writes it empty only with
     * `emptyWhenUnread` (a bucket with no apps left). Returns whether the pack had been read.
     */
    save(bucket: number, emptyWhenUnread: boolean): boolean {
      const found = packs.get(bucket);
      packs.delete(bucket);
      if (!found && !emptyWhenUnread) return false;
      // Unchanged (every stored entry used, none added): nothing to write.
      if (found && !found.added && found.used.size === found.stored.size) return true;
      const entries = new Map<string, Uint8Array>();
      for (const [key, entry] of found?.used ?? [])
        entries.set(key, entry instanceof Uint8Array ? entry : v8.serialize(entry.value));
      replaceFileSync(fileOf(bucket), v8.serialize(entries));
      return found !== undefined;
    },
  };
}

type CacheValue = ManifestCacheEntry | AppIndexFiles | Diagnostic[];

/** A pack's entries (key -> the entry's serialized bytes); empty when the file is missing or not a pack. */
function readPack(file: string): Map<string, Uint8Array> {
  try {
    const value: unknown = v8.deserialize(readFileSync(file));
    if (!(value instanceof Map)) return new Map();
    for (const entry of value.values()) if (!(entry instanceof Uint8Array)) return new Map();
    return value as Map<string, Uint8Array>;
  } catch {
    return new Map();
  }
}

/** One entry's value from its bytes; undefined when they cannot be read. */
function deserializeEntry<T>(bytes: Uint8Array): T | undefined {
  try {
    return v8.deserialize(bytes) as T;
  } catch {
    return undefined;
  }
}
