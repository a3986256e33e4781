import pLimit from "p-limit";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { openMirror, type Mirror } from "../artifact/mirror.ts";
import type { LedgerEntry } from "../ledger/ledger-types.ts";
import { loadApp, type LoadedApp } from "../manifest/load-registry.ts";
import { appendDiagnostics, type Diagnostic } from "../report/diagnostic.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { artifactCheckContext, checkAppArtifacts } from "../validate/check-app-artifacts.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import { checkAppRules, gatherAppFacts } from "../validate/validate-app.ts";
import { appRulesKey, categoriesKeyOf } from "./app-rules-key.ts";
import type { ValidateOptions } from "../validate/validate-options.ts";
import type { AppsValidation } from "./apps-validation.ts";
import { claimedNamesOf } from "./claimed-names.ts";
import { mergeValidations } from "./apps-validation.ts";
import {
  buildIndexFilesOf,
  ownBytes,
  stageAppFiles,
  type AppStaging,
  type IndexFilesContext,
} from "./build-index-files.ts";
import type { AppIndexFiles } from "../index/build-index.ts";
import { flushHelmSpill } from "../index/helm-spill.ts";
import { appResultKey, appResultOf, artifactKeyOf, factsOfResult, usableResult, type AppResult } from "./app-result.ts";
import { detachBatch } from "./detach-batch.ts";
import { cacheBucketOf, type ManifestCache } from "./manifest-cache.ts";
import { manifestStore } from "./manifest-store.ts";
import { type OutputStore, readStored, type StoredFile, verifyStored } from "./output-store.ts";
import type { RunOutput } from "./run-options.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";

/**
 * Apps validated (and, for a build, built and staged) together: a cache bucket's apps go in
 * batches of this many. What a batch makes (its apps' cached results, facts, artifact checks)
 * lives until the batch is done, so the smaller the batch, the less of it the young-generation
 * collector finds alive and copies; a batch's artifact checks still run 8 at a time.
 */
const BATCH_APPS = 32;

/** Artifacts verified and inspected at the same time (downloads, archive reads). */
const ARTIFACT_CONCURRENCY = 8;

/** What {@link validateApps} works with besides the options. */
export interface AppsContext {
  /** Category ids of the valid category list. */
  categories: ReadonlySet<string>;
  /** What to keep of each app (see {@link RunOutput}). */
  output: RunOutput;
  /** With output `"index"`: host copies of released helm charts (`build --host-artifacts`). */
  hostArtifacts?: boolean;
  /** With output `"index"`: host copies as GitHub Release assets of this repository (`build --release-assets`). */
  releaseAssets?: ReleaseAssetHosting | undefined;
  /** With output `"index"`: a build's staging folder, each app's files written there as built (see `stageAppFiles`). */
  staging?: AppStaging;
  /** Valid publisher records by id; read from `options.root` when not given. */
  publishers?: ReadonlyMap<string, PublisherRecord>;
  /** The manifest cache, and the blob ids Git vouches for (see `manifestStore`). */
  cache?: ManifestCache;
  blobIds?: ReadonlyMap<string, string>;
  /** Digests of the app folders Git vouches for whole (`listWorkTree`), by app id: their whole results are cached. */
  folders?: ReadonlyMap<string, string>;
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
  /**
   * Asked before each cache bucket's apps: false when another thread took the bucket (its
   * apps are then left to that thread, and left out of the result). Every bucket is
   * validated when absent.
   */
  claim?: (bucket: number) => boolean;
}

/**
 * Validates the app folders `ids` (under `options.root/apps`) with the per-app core
 * (`validateAppFiles`, `checkAppArtifacts`): manifests are read through a manifest store,
 * which answers from the cache when there is one; an app folder Git vouches for whole
 * (`context.folders`) is answered from its whole-app result when the run keeps no facts
 * (`app-result.ts`: not even listed); artifacts are checked every time, a few at a time.
 * Apps go one cache bucket at a time, in batches of {@link BATCH_APPS}, so a bucket's pack is
 * written as soon as its last batch is done, and each batch's parsed manifests can be let go
 * (unless the facts are wanted).
 * With output `"index"`, each batch's index files are built right after its validation.
 * The result lists the apps in the order of `ids` (but those of buckets `context.claim` refused).
 */
export async function validateApps(
  ids: readonly string[],
  options: ValidateOptions,
  context: AppsContext,
): Promise<AppsValidation> {
  const mirror = context.mirror ?? (await openMirror(options.mirrors)).mirror;
  const publishers = context.publishers ?? readPublishers(options.root).records;
  const batches = new Map<number, string[]>();
  for (const id of ids) {
    const bucket = cacheBucketOf(id);
    const batch = batches.get(bucket);
    if (batch) batch.push(id);
    else batches.set(bucket, [id]);
  }
  const done: AppsValidation[] = [];
  for (const [bucket, apps] of [...batches].sort(([a], [b]) => a - b)) {
    if (context.claim && !context.claim(bucket)) continue;
    for (let from = 0; from < apps.length; from += BATCH_APPS) {
      const validation = await validateBatch(apps.slice(from, from + BATCH_APPS), options, {
        ...context,
        mirror,
        publishers,
      });
      if (context.onBatch) context.onBatch(validation);
      else done.push(validation);
    }
    if (context.completeBuckets?.has(bucket)) context.cache?.save([bucket]);
  }
  return mergeValidations(done, ids, context.output === "index");
}

async function validateBatch(
  ids: readonly string[],
  options: ValidateOptions,
  context: AppsContext & { mirror: Mirror; publishers: ReadonlyMap<string, PublisherRecord> },
): Promise<AppsValidation> {
  const { categories, publishers, onApp = () => {} } = context;
  const allowHttpLoopback = options.limits?.allowHttpLoopback ?? false;
  const store = manifestStore({ allowHttpLoopback, cache: context.cache, blobIds: context.blobIds });
  // An app whose whole result is cached keeps nothing in the manifest pack: reading its few
  // files again when one of them changes costs less than keeping every manifest twice.
  const wholeStore = manifestStore({ allowHttpLoopback });
  const layout: Diagnostic[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded: LoadedApp[] = [];
  const facts: AppFacts[] = [];
  let versions = 0;
  const categoriesKey = context.cache && categoriesKeyOf(categories);
  // Whole-app results (`app-result.ts`) where Git vouches for the folder, unless the run keeps every app's facts.
  const wholeApps = context.output !== "facts" ? context.cache : undefined;
  const results = new Map<string, { key: string; result: AppResult; changed: boolean }>();
  for (const id of ids) {
    const key = wholeApps && appResultKey(context.folders?.get(id), allowHttpLoopback);
    const hit = key === undefined ? undefined : usableResult(wholeApps?.getAppResult(id, key), publishers, categories);
    if (key !== undefined && hit) {
      appendDiagnostics(layout, hit.layout);
      appendDiagnostics(diagnostics, hit.diagnostics);
      facts.push(factsOfResult(options.root, id, hit, categories));
      versions += hit.versions;
      results.set(id, { key, result: hit, changed: false });
      onApp();
      continue;
    }
    const appLayout: Diagnostic[] = [];
    const appStore = key === undefined ? store : wholeStore;
    const app = loadApp(options.root, id, appLayout, appStore.read);
    loaded.push(app);
    versions += app.versions.length;
    // validateAppFiles in two halves, so that the rules' result can come from the cache.
    const checked = gatherAppFacts(app, { categories, publishers, check: appStore.check });
    facts.push(checked.facts);
    // An app with a whole result keeps its rules' diagnostics there (its store has no content ids).
    const rulesKey =
      key === undefined && categoriesKey
        ? appRulesKey(app, checked.facts, appStore, publishers, categoriesKey, allowHttpLoopback)
        : undefined;
    let ruled = rulesKey === undefined ? undefined : context.cache?.getRuleDiagnostics(id, rulesKey);
    if (!ruled) {
      ruled = checkAppRules(checked.facts, publishers);
      if (rulesKey !== undefined) context.cache?.setRuleDiagnostics(id, rulesKey, ruled);
    }
    const appDiagnostics = appendDiagnostics([...checked.diagnostics], ruled);
    appendDiagnostics(layout, appLayout);
    appendDiagnostics(diagnostics, appDiagnostics);
    if (key !== undefined)
      results.set(id, {
        key,
        result: appResultOf(checked.facts, appLayout, appDiagnostics, app.versions.length, publishers),
        changed: true,
      });
    onApp();
  }
  // Downloads and inspections run a few at a time: a registry may hold 100 000 versions.
  const limit = pLimit(ARTIFACT_CONCURRENCY);
  const artifacts = artifactCheckContext(options, context.mirror);
  const checks = await Promise.all(facts.flatMap((app) => checkAppArtifacts(app, artifacts, limit)));
  const metadata = new Map<string, Map<string, ArtifactMetadata>>();
  const ledger: Record<string, LedgerEntry> = {};
  const unavailable = new Map<string, Map<string, string>>();
  let artifactsVerified = 0;
  for (const check of checks) {
    appendDiagnostics(diagnostics, check.diagnostics);
    if (check.verified) artifactsVerified++;
    if (check.ledgerEntry) ledger[check.ledgerEntry.sha256] = check.ledgerEntry;
    if (check.unavailableSince)
      unavailable.set(
        check.folder,
        (unavailable.get(check.folder) ?? new Map<string, string>()).set(check.key, check.unavailableSince),
      );
    if (check.metadata)
      metadata.set(
        check.folder,
        (metadata.get(check.folder) ?? new Map<string, ArtifactMetadata>()).set(check.key, check.metadata),
      );
  }
  const validation: AppsValidation = {
    loaded,
    facts,
    layout,
    diagnostics,
    metadata,
    versions,
    artifactsVerified,
    ledger,
    unavailable,
  };
  if (checks.some((c) => c.verified && c.key.startsWith("helm/"))) validation.chartsJudged = true;
  if (context.output === "index") {
    const built = indexFilesOfBatch(facts, results, {
      metadata,
      unavailable,
      root: options.root,
      publishers,
      hostArtifacts: context.hostArtifacts === true,
      releaseAssets: context.releaseAssets,
      cached: context.cache && { cache: context.cache, store },
      ...(context.staging && wholeApps ? { store: (id: string) => wholeApps.storeOf(id) } : {}),
      reload: (id) =>
        gatherAppFacts(loadApp(options.root, id, [], wholeStore.read), {
          categories,
          publishers,
          check: wholeStore.check,
        }).facts,
    });
    // With a build's staging folder: each app's files are written there now and not held (`stageAppFiles`).
    const staging = context.staging;
    if (staging && built.indexError === undefined)
      built.index = built.index.map((app) => {
        const staged = stageAppFiles(app, staging, wholeApps?.storeOf(app.id), context.releaseAssets);
        // Files written now and kept in the output store: the app's result records them there, not their bytes.
        const entry = results.get(app.id);
        if (staged.stored && entry?.changed && entry.result.index?.files === app)
          entry.result.index = { ...entry.result.index, files: { ...app, files: new Map() }, stored: staged.stored };
        const { stored: _recorded, ...rest } = staged;
        return rest;
      });
    // The batch's Helm entry texts written out before anything can read them back.
    if (staging?.helm) flushHelmSpill(staging.helm);
    Object.assign(validation, built);
  }
  for (const [id, { key, result, changed }] of results) if (changed) context.cache?.setAppResult(id, key, result);
  if (context.output === "facts") return validation;
  if (context.output === "diagnostics") validation.names = claimedNamesOf(facts, metadata);
  Object.assign(validation, { loaded: [], facts: [], metadata: new Map() });
  // Kept here (not posted to another thread, which copies it): let go of the manifests' text
  // (none was read when every app's result came from the cache).
  return context.onBatch || loaded.length === 0 ? validation : detachBatch(validation);
}

/**
 * The index files an app's whole result kept (`kept.files`, not null): as they are; with
 * `kept.stored`, linked from `store` (a build staging its output) when the store still holds
 * them (`verifyStored`: a store file's stat changed but not its content is recorded again,
 * `entry` marked changed), else read from the cache's output store and checked by digest.
 * Undefined when the stored files are gone or changed: the app is built again.
 */
function keptFiles(
  files: AppIndexFiles,
  kept: NonNullable<AppResult["index"]>,
  store: OutputStore | undefined,
  entry: { result: AppResult; changed: boolean },
  readFrom?: OutputStore,
): (AppIndexFiles & { stored?: StoredFile[] }) | undefined {
  if (!kept.stored) return ownBytes(files);
  if (store) {
    const checked = verifyStored(store, kept.stored);
    if (!checked) return undefined;
    if (checked.some((file, i) => file !== kept.stored?.[i])) {
      entry.result.index = { ...kept, stored: checked };
      entry.changed = true;
    }
    return { ...files, stored: checked };
  }
  const bytes = readFrom && readStored(readFrom, kept.stored);
  return bytes && { ...files, files: bytes };
}

/**
 * The index files of a batch's valid apps (`buildIndexFilesOf`): those of an app whose
 * whole result came from the cache are taken from it when the artifact results they were
 * built from are the same (`artifactKeyOf`), else the app is read again in full and built;
 * built files are added to the app's result (marked changed, to be written back).
 */
function indexFilesOfBatch(
  facts: readonly AppFacts[],
  results: Map<string, { key: string; result: AppResult; changed: boolean }>,
  context: IndexFilesContext & {
    reload: (id: string) => AppFacts;
    /** With a build's staging folder: the output store files kept there are linked from. */
    store?: (id: string) => OutputStore;
  },
): { index: (AppIndexFiles & { stored?: StoredFile[] })[]; indexError?: string } {
  const index: (AppIndexFiles & { stored?: StoredFile[] })[] = [];
  const artifactKey = (id: string) =>
    artifactKeyOf(context.metadata.get(id), context.unavailable.get(id), context.hostArtifacts, context.releaseAssets);
  const toBuild: AppFacts[] = [];
  for (const app of facts) {
    const entry = results.get(app.folder);
    if (entry?.changed === false) {
      const kept = entry.result.index;
      if (kept?.artifactKey === artifactKey(app.folder)) {
        const files =
          kept.files &&
          keptFiles(kept.files, kept, context.store?.(app.folder), entry, context.cached?.cache.storeOf(app.folder));
        if (files !== undefined) {
          if (files) index.push(files);
          continue;
        }
      }
      // Built from other artifact results (or never built): read the app again in full.
      toBuild.push(context.reload(app.folder));
      entry.changed = true;
    } else toBuild.push(app);
  }
  // Apps with a whole result keep their index files there, not in the manifest pack too.
  const built = buildIndexFilesOf(
    toBuild.filter((app) => !results.has(app.folder)),
    context,
  );
  const whole = buildIndexFilesOf(
    toBuild.filter((app) => results.has(app.folder)),
    { ...context, cached: undefined },
  );
  index.push(...built.index, ...whole.index);
  const indexError = built.indexError ?? whole.indexError;
  if (indexError !== undefined) return { index, indexError };
  const byId = new Map(whole.index.map((files) => [files.id, files]));
  for (const app of toBuild) {
    const entry = results.get(app.folder);
    if (entry) entry.result.index = { artifactKey: artifactKey(app.folder), files: byId.get(app.folder) ?? null };
  }
  return { index };
}
