import path from "node:path";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { appIndexFiles, type AppIndexSource } from "../index/app-index-files.ts";
import type { AppIndexFiles } from "../index/build-index.ts";
import { mayNameHostedCopy } from "../index/add-hosted-copies.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";
import { writeFilesInto } from "../index/write-output.ts";
import { nameTableEntry } from "../names/name-table.ts";
import { helmSpillIn, spillHelmEntries, type HelmSpill } from "../index/helm-spill.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import { appInputsOf, cacheKeyOf } from "./app-inputs.ts";
import type { ManifestCache } from "./manifest-cache.ts";
import type { ManifestStore } from "./manifest-store.ts";
import { keepInStore, linkStored, type OutputStore, type StoredFile } from "./output-store.ts";

/** What {@link buildIndexFilesOf} builds from, besides the apps' facts. */
export interface IndexFilesContext {
  metadata: ReadonlyMap<string, ReadonlyMap<string, ArtifactMetadata>>;
  unavailable: ReadonlyMap<string, ReadonlyMap<string, string>>;
  root: string;
  publishers: ReadonlyMap<string, PublisherRecord>;
  hostArtifacts: boolean;
  /** Host copies as GitHub Release assets of this repository (`build --release-assets`): their URLs are release-asset URLs. */
  releaseAssets?: ReleaseAssetHosting | undefined;
  /** The manifest cache and the store that read the apps: index files are cached there too. */
  cached?: { cache: ManifestCache; store: ManifestStore } | undefined;
}

/**
 * A thread's view of a build's staging folder: the folder, the subfolders it made, its Helm
 * entries' spill file once opened (its pending texts written by `flushHelmSpill` after each batch).
 */
export interface AppStaging {
  dir: string;
  made: Set<string>;
  helm?: HelmSpill;
}

/**
 * The index files of every valid app (`appIndexFiles`), or the first failure to build
 * them. With a cache, an app's files are taken from it when everything they are built
 * from is unchanged. Called by the run layer right after validation, where the app was
 * validated, so parsed manifests never cross threads.
 */
export function buildIndexFilesOf(
  facts: readonly AppFacts[],
  context: IndexFilesContext,
): { index: AppIndexFiles[]; indexError?: string } {
  const { metadata, unavailable, cached } = context;
  const index: AppIndexFiles[] = [];
  for (const app of facts) {
    if (!app.app?.valid || app.versions.some((v) => !v.valid)) continue;
    const key =
      cached &&
      indexFilesKey(
        app,
        metadata.get(app.folder),
        unavailable.get(app.folder),
        cached.store,
        context.publishers,
        context.hostArtifacts,
        context.releaseAssets,
      );
    const hit = key === undefined ? undefined : cached?.cache.getIndexFiles(app.folder, key);
    if (hit) {
      index.push(ownBytes(hit));
      continue;
    }
    try {
      const source: AppIndexSource = {
        facts: app,
        root: context.root,
        publishers: context.publishers,
        hostArtifacts: context.hostArtifacts,
      };
      if (context.releaseAssets) source.releaseAssets = context.releaseAssets;
      const appMetadata = metadata.get(app.folder);
      if (appMetadata) source.metadata = appMetadata;
      const appUnavailable = unavailable.get(app.folder);
      if (appUnavailable) source.unavailable = appUnavailable;
      const files = ownBytes(appIndexFiles(source));
      if (key !== undefined) cached?.cache.setIndexFiles(app.folder, key, files);
      index.push(files);
    } catch (cause) {
      return { index, indexError: (cause as Error).message };
    }
  }
  return { index };
}

/**
 * The app with its files written into the staging folder and let go of (`files` empty,
 * `staged` their number), so a build does not hold every app's files until the end (at
 * 50,000 apps, 370 MiB). An app whose shard may name a hosted copy (`mayNameHostedCopy`:
 * an in-repo artifact, a copy the build fetches beside the index, or with `releaseAssets` a
 * release asset of that repository) keeps its files in memory instead: the build reads such
 * shards to find the copies and their provenance (and writes the release assets from them).
 * Paths are checked to stay inside the folder (`writeFilesInto`). Either way its Helm index
 * entries' texts go to this thread's spill file in the folder's scratch folder
 * (`spillHelmEntries`), read back when helm/index.yaml is assembled, and its claims to native
 * names are kept as its encoded entry of names.json (`nameTableEntry`): with
 * `--host-artifacts` every app with a released chart keeps its files, and its entries' texts
 * would double what it holds.
 *
 * Output store (`output-store.ts`): files of `app.stored` (an unchanged app's files kept
 * there by an earlier build, checked by `verifyStored`; only ever kept for an app staged,
 * not held) are linked from `store`, not written. Files written here are kept in `store`
 * when one is given: the result's `stored` says what to record (absent when they could not
 * be kept).
 *
 * @throws Error on a filesystem error or a path escaping the folder
 */
export function stageAppFiles(
  app: AppIndexFiles & { stored?: StoredFile[] },
  staging: AppStaging,
  store?: OutputStore,
  releaseAssets?: ReleaseAssetHosting,
): AppIndexFiles & { stored?: StoredFile[] } {
  const { stored: linked, ...files } = app;
  let stored: StoredFile[] | undefined;
  let keep = false;
  if (linked && !store) throw new Error(`apps/${app.id}: its files are in an output store, and none was given`);
  if (linked && store) linkStored(store, linked, staging.dir, staging.made);
  else {
    const shard = files.files.get(files.shard.path);
    if (!shard) return ownBytes(files);
    keep = mayNameHostedCopy(shard, releaseAssets);
    if (!keep) {
      writeFilesInto(staging.dir, files.files, staging.made);
      if (store) stored = keepInStore(store, files.files, (file) => path.join(staging.dir, file));
    }
  }
  staging.helm ??= helmSpillIn(staging.dir);
  const encoded: AppIndexFiles = {
    ...files,
    helm: spillHelmEntries(files.helm, staging.helm),
    versionNames: [],
    nameTableEntry: nameTableEntry(files.id, files.versionNames) ?? "",
  };
  if (keep) return ownBytes(encoded);
  return {
    ...encoded,
    files: new Map(),
    staged: (files.staged ?? 0) + (linked && store ? linked.length : files.files.size),
    ...(stored ? { stored } : {}),
  };
}

/**
 * A hash of everything an app's index files are built from: its {@link appInputsOf} (manifests'
 * content ids, icon, the publisher records it names), its artifacts' metadata and
 * unavailability, and how copies are hosted ({@link hostingKeyOf}; the build code is in the
 * cache's engine key), so files built with release-asset URLs are never served to a build
 * without them, nor to one naming another repository, nor the other way round. Undefined when a manifest has no content id, or a version keeps its artifact in the
 * repository (those bytes are not hashed here, so such apps are always built).
 */
function indexFilesKey(
  app: AppFacts,
  metadata: ReadonlyMap<string, ArtifactMetadata> | undefined,
  unavailable: ReadonlyMap<string, string> | undefined,
  store: ManifestStore,
  publishers: ReadonlyMap<string, PublisherRecord>,
  hostArtifacts: boolean,
  releaseAssets: ReleaseAssetHosting | undefined,
): string | undefined {
  if (!app.app || app.versions.some((v) => v.data.artifact?.path !== undefined)) return undefined;
  const files = [app.app.parsed.file, ...app.versions.map((v) => v.parsed.file)];
  const named = [app.app.data.publisher, ...app.versions.map((v) => v.data.packagedBy)];
  const inputs = appInputsOf(app.folder, files, app.icon, named, store, publishers);
  return (
    inputs &&
    cacheKeyOf([
      "index",
      inputs,
      metadata ? [...metadata] : null,
      unavailable ? [...unavailable] : null,
      hostingKeyOf(hostArtifacts, releaseAssets),
    ])
  );
}

/**
 * How copies are hosted, as plain data for a cache key: `[hostArtifacts, owner, repo]`, or
 * `[hostArtifacts, null, null]` without release assets. Owner and repository are taken as
 * written (they are part of the published URLs, byte for byte). Pure.
 */
export function hostingKeyOf(
  hostArtifacts: boolean,
  releaseAssets: ReleaseAssetHosting | undefined,
): [boolean, string | null, string | null] {
  return [hostArtifacts, releaseAssets?.owner ?? null, releaseAssets?.repo ?? null];
}

/**
 * `files` with each file's bytes in memory of their own. A Buffer restored from a cache
 * pack is a view into the whole pack (`v8.deserialize`), and one made from a short string
 * a view into a shared pool: kept for the build, each would keep all of that memory alive
 * (at 10,000 apps, 249 MiB of packs held for 74 MiB of files).
 */
export function ownBytes(files: AppIndexFiles): AppIndexFiles {
  const own = new Map<string, Buffer>();
  for (const [file, bytes] of files.files) {
    if (bytes.byteLength === bytes.buffer.byteLength) own.set(file, bytes);
    else {
      const copy = Buffer.allocUnsafeSlow(bytes.byteLength); // not from the shared pool
      bytes.copy(copy);
      own.set(file, copy);
    }
  }
  return { ...files, files: own };
}
