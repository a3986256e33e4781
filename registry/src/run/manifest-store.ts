import { readFileSync } from "node:fs";
import path from "node:path";
import { gitBlobId } from "../git/list-blob-ids.ts";
import { readManifest, type ReadManifest } from "../manifest/load-registry.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { positionLocator, type PositionTable } from "../manifest/position-table.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import { checkManifest, withoutKeys, type ManifestCheck, type ManifestKind } from "../validate/check-manifest.ts";
import type { ManifestCache, ManifestCacheEntry } from "./manifest-cache.ts";
import { parseManifestText } from "../manifest/text-encoding.ts";

/** Reads manifests and checks them, from a cache when one is given. */
export interface ManifestStore {
  /** For `loadApp`: the parsed manifest. */
  read: ReadManifest;
  /** The parse and schema check of a manifest `read` returned. */
  check(parsed: ParsedYaml, kind: ManifestKind): ManifestCheck;
  /** The content id (Git blob id) of a manifest `read` returned; undefined without a cache. */
  idOf(file: string): string | undefined;
}

/** Where a store finds content ids and cached checks. */
export interface ManifestStoreOptions {
  /** Accept loopback http URLs (tests only); part of the cache key. */
  allowHttpLoopback: boolean;
  cache?: ManifestCache;
  /** Blob ids of files Git knows unchanged (`listBlobIds`): those are looked up without being read. */
  blobIds?: ReadonlyMap<string, string>;
}

/**
 * A manifest store. Without a cache it reads, parses and checks every file. With one,
 * a file's content id is its Git blob id (from `blobIds`, else computed from its bytes);
 * a cached check is used as is (the file is not even read when Git vouches for it), and
 * a new check is put in the cache. Either way the results are the same.
 */
export function manifestStore(options: ManifestStoreOptions): ManifestStore {
  const { cache, allowHttpLoopback } = options;
  if (!cache)
    return {
      read: readManifest,
      check: (parsed, kind) => checkManifest(parsed, kind, allowHttpLoopback),
      idOf: () => undefined,
    };
  const restored = new Map<string, ManifestCheck>();
  const fresh = new Map<string, { appId: string; key: string }>();
  const ids = new Map<string, string>();
  return {
    read(root, file, kind) {
      const appId = file.split("/")[1] ?? "";
      let id = options.blobIds?.get(file);
      const bytes = id === undefined ? readFileSync(path.join(root, file)) : undefined;
      id ??= gitBlobId(bytes ?? Buffer.alloc(0));
      ids.set(file, id);
      const key = `${id}:${kind}:${allowHttpLoopback ? 1 : 0}`;
      const entry = cache.get(appId, key);
      if (entry) {
        const check = restoreCheck(root, file, entry);
        restored.set(file, check);
        return check.parsed;
      }
      fresh.set(file, { appId, key });
      return parseManifestText(file, (bytes ?? readFileSync(path.join(root, file))).toString("utf8"));
    },
    check(parsed, kind) {
      const hit = restored.get(parsed.file);
      if (hit) return hit;
      const check = checkManifest(parsed, kind, allowHttpLoopback);
      const place = fresh.get(parsed.file);
      if (place) cache.set(place.appId, place.key, toCacheEntry(check));
      return check;
    },
    idOf: (file) => ids.get(file),
  };
}

function toCacheEntry({ parsed, diagnostics, checked }: ManifestCheck): ManifestCacheEntry {
  const entry: ManifestCacheEntry = {
    data: parsed.data,
    parseDiagnostics: parsed.diagnostics,
    checkDiagnostics: diagnostics.slice(parsed.diagnostics.length),
  };
  if (parsed.positions) entry.positions = parsed.positions;
  if (checked) entry.checked = { removed: checked.removed, valid: checked.valid };
  return entry;
}

/** The check a cache entry holds, for `file` (the entry may come from the same content at another path). */
function restoreCheck(root: string, file: string, entry: ManifestCacheEntry): ManifestCheck {
  const parseDiagnostics = entry.parseDiagnostics.map((d) => atFile(d, file));
  const parsed = restoreParsed(root, file, entry.data, parseDiagnostics, entry.positions);
  const check: ManifestCheck = {
    parsed,
    diagnostics: [...parseDiagnostics, ...entry.checkDiagnostics.map((d) => atFile(d, file))],
  };
  if (entry.checked)
    check.checked = {
      data: withoutKeys(entry.data as Record<string, unknown>, entry.checked.removed),
      valid: entry.checked.valid,
      removed: entry.checked.removed,
    };
  return check;
}

/**
 * A {@link ParsedYaml} rebuilt from its data (from a cache or another thread): positions
 * from its position table (`position-table.ts`, built from `yaml`'s nodes when the file was
 * parsed), else computed on first use by parsing the file again with `parseYaml`; a file
 * that did not parse locates everything at 1:1, as `parseYaml` does.
 */
export function restoreParsed(
  root: string,
  file: string,
  data: unknown,
  diagnostics: Diagnostic[],
  positions?: PositionTable,
): ParsedYaml {
  if (data === undefined)
    return {
      file,
      data,
      locate: () => ({ line: 1, column: 1 }),
      locateKey: () => ({ line: 1, column: 1 }),
      diagnostics,
    };
  if (positions) {
    const locate = positionLocator(positions);
    return {
      file,
      data,
      locate: (p) => locate(p, false),
      locateKey: (p) => locate(p, true),
      diagnostics,
      positions,
    };
  }
  let full: ParsedYaml | undefined;
  const positioned = () => (full ??= parseManifestText(file, readFileSync(path.join(root, file), "utf8")));
  return {
    file,
    data,
    locate: (p) => positioned().locate(p),
    locateKey: (p) => positioned().locateKey(p),
    diagnostics,
  };
}

/** `d` about `file`, with its properties in the same order. */
function atFile(d: Diagnostic, file: string): Diagnostic {
  return d.file === file
    ? d
    : (Object.fromEntries(Object.entries(d).map(([k, v]) => [k, k === "file" ? file : v])) as unknown as Diagnostic);
}
