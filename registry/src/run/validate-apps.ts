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
import { mergeValidations } from "./apps-validation.ts";
import { buildIndexFilesOf } from "./build-index-files.ts";
import { detachBatch } from "./detach-batch.ts";
import { cacheBucketOf, type ManifestCache } from "./manifest-cache.ts";
import { manifestStore } from "./manifest-store.ts";
import type { RunOutput } from "./run-options.ts";

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

/**
 * Validates the app folders `ids` (under `options.root/apps`) with the per-app core
 * (`validateAppFiles`, `checkAppArtifacts`): manifests are read through a manifest store,
 * which answers from the cache when there is one; artifacts are checked a few at a time.
 * Apps go in batches, one cache bucket at a time, so a bucket's pack is written and its
 * parsed manifests can be let go as soon as it is done (unless the facts are wanted).
 * With output `"index"`, each batch's index files are built right after its validation.
 * The result lists the apps in the order of `ids`.
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
  for (const [bucket, batch] of [...batches].sort(([a], [b]) => a - b)) {
    const validation = await validateBatch(batch, options, { ...context, mirror, publishers });
    if (context.completeBuckets?.has(bucket)) context.cache?.save([bucket]);
    if (context.onBatch) context.onBatch(validation);
    else done.push(validation);
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
  const layout: Diagnostic[] = [];
  const diagnostics: Diagnostic[] = [];
  const loaded: LoadedApp[] = [];
  const facts: AppFacts[] = [];
  const categoriesKey = context.cache && categoriesKeyOf(categories);
  for (const id of ids) {
    const app = loadApp(options.root, id, layout, store.read);
    loaded.push(app);
    // validateAppFiles in two halves, so that the rules' result can come from the cache.
    const checked = gatherAppFacts(app, { categories, publishers, check: store.check });
    facts.push(checked.facts);
    appendDiagnostics(diagnostics, checked.diagnostics);
    const key = categoriesKey && appRulesKey(app, checked.facts, store, publishers, categoriesKey, allowHttpLoopback);
    let ruled = key === undefined ? undefined : context.cache?.getRuleDiagnostics(id, key);
    if (!ruled) {
      ruled = checkAppRules(checked.facts, publishers);
      if (key !== undefined) context.cache?.setRuleDiagnostics(id, key, ruled);
    }
    appendDiagnostics(diagnostics, ruled);
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
  const versions = loaded.reduce((n, a) => n + a.versions.length, 0);
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
    const cached = context.cache && { cache: context.cache, store };
    Object.assign(
      validation,
      buildIndexFilesOf(facts, {
        metadata,
        unavailable,
        root: options.root,
        publishers,
        hostArtifacts: context.hostArtifacts === true,
        cached,
      }),
    );
  }
  if (context.output === "facts") return validation;
  Object.assign(validation, { loaded: [], facts: [], metadata: new Map() });
  // Kept here (not posted to another thread, which copies it): let go of the manifests' text.
  return context.onBatch ? validation : detachBatch(validation);
}
