/**
 * The engine's public API: the one module `scripts/`, `site/` and other callers import
 * (the packaged client's library surface is `client/client.ts`, re-exported here). Entry
 * points only; everything else stays inside its folder.
 *
 * Layers, lowest first. A folder imports only from folders on its own line or below
 * (type imports count too); `lint` encodes this table. There is no import cycle.
 *
 *   1. json, sandbox                    no engine imports (schema checker, canonical JSON, RE2)
 *   2. report, errors, markdown         diagnostics and their text; error classes and exit codes
 *   3. manifest                         YAML with positions, manifest types, schema diagnostics
 *   4. git, artifact                    Git reads; fetch, digest, inspect per delivery type
 *   5. names, ledger, publisher, signing    native names, verification ledger, publishers, keys
 *   6. pr, review, expiry               pure deciders (pr and review share types both ways)
 *   7. validate                         truth: one app's files -> diagnostics and facts
 *   8. index                            one app's index files; the build of a registry's index
 *   9. run, client                      speed: a registry over validate + index; reading a published registry
 *  10. check-pr, import, publish, deploy, github   orchestrations with I/O
 *  11. api.ts, cli, scripts/
 *
 * One exception: git/ imports the type `FileChange` from pr/ (pr/ must import nothing from
 * git/, see registry/test/pr/boundaries.test.ts).
 *
 * Words: a *shard* is only the per-app index file `apps/<id>.json`; a *partition* is one
 * of n parts of a registry's apps validated by one CI job (`--partition i/n`); a *cache
 * bucket* is one of the 64 pack files of the manifest cache.
 */

// Validating a registry (run layer over the per-app core)
export type { ValidateOptions } from "./validate/validate-options.ts";
export type { RegistryRunOptions, RunOptions } from "./run/run-options.ts";
export type { IndexValidation, RegistryDiagnostics, ValidationResult } from "./run/registry-results.ts";
export { checkRegistry, validateForIndex, validateRegistry } from "./run/validate-registry.ts";
export { indexBuildInput, type IndexHosting } from "./run/index-input.ts";
export { inPartition, parsePartition, type Partition } from "./run/partition.ts";
export { parseValidationReport, toValidationReport, type ValidationReport } from "./run/validation-report.ts";
export { mergeReports } from "./run/merge-reports.ts";
export { defaultManifestCacheDir } from "./run/manifest-cache.ts";
export { validateAppFiles, type AppFilesContext, type AppFilesValidation } from "./validate/validate-app.ts";
export type { AppFacts, VersionFacts } from "./validate/rules/index.ts";

// Building and publishing the index
export {
  buildRegistry,
  DOWNLOAD_STATS_FILE,
  type BuildOptions,
  type BuildSummary,
  type IndexBuildInput,
} from "./index/build-registry.ts";
export {
  assertPublication,
  chooseSerial,
  DEFAULT_EXPIRES_DAYS,
  expiresAfter,
  formatUtcSeconds,
  type Publication,
} from "./index/publication.ts";
export { buildHelmIndex } from "./index/build-helm-index.ts";
export { assignBin } from "./index/assign-bin.ts";
export { writeFolderAtomically, writeOutput } from "./index/write-output.ts";
export type * from "./index/index-types.ts";

// Checking a pull request
export { checkPrInputs, type CheckPrRequest } from "./check-pr/check-pr-inputs.ts";
export { checkPullRequest, type CheckPrInputs } from "./check-pr/check-pull-request.ts";
export { toPrResult, type PrResult, type VersionRender } from "./check-pr/pr-result.ts";
export { formatPrText } from "./check-pr/format-pr-text.ts";
export { writePrSummary } from "./check-pr/write-pr-summary.ts";

// Errors (exit codes: see errors/exit-codes.ts, re-exported with the client below)
export { AppshelfError, InputError, RefusalError, UsageError } from "./errors/appshelf-error.ts";
export { ImportError } from "./errors/import-error.ts";
export { FetchError } from "./errors/fetch-error.ts";
export { ArchiveError } from "./errors/archive-error.ts";
export { MarkdownError } from "./errors/markdown-error.ts";

// Diagnostics and reports
export { error, hasErrors, sortDiagnostics, warning, type Diagnostic } from "./report/diagnostic.ts";
export { countDiagnostics, formatDiagnostic, formatReport } from "./report/format-text.ts";
export { annotateDiagnostics } from "./report/annotate.ts";
export type { SummaryBuilder, SummaryCell } from "./report/summary-builder.ts";

// Data shapes, schemas, manifests
export { SCHEMA_DIR, schemaCheck, type SchemaKind } from "./json/schemas.ts";
export { canonicalJson } from "./json/canonical-json.ts";
export { parseYaml, type ParsedYaml } from "./manifest/parse-yaml.ts";
export { loadRegistry, type LoadedApp, type LoadedRegistry } from "./manifest/load-registry.ts";
export {
  DELIVERY_TYPES,
  versionKey,
  type AppManifest,
  type Category,
  type DeliveryType,
  type VersionManifest,
} from "./manifest/types.ts";
export type { ArtifactMetadata, ComposeMetadata } from "./artifact/inspect/inspect-types.ts";
export type { PublisherRecord } from "./publisher/publisher-record.ts";
export { renderMarkdown } from "./markdown/render-markdown.ts";

// Artifacts, signing
export { fetchArtifact, DEFAULT_FETCH_LIMITS, type FetchLimits } from "./artifact/fetch-artifact.ts";
export { defaultCacheDir } from "./artifact/artifact-cache.ts";
export { sha256Hex } from "./artifact/digest.ts";
export { generateSigningKey, keyIdOf, loadSigningKey, type SigningKey } from "./signing/signing-keys.ts";
export { signIndex } from "./signing/sign-index.ts";
export { signDir } from "./signing/sign-dir.ts";
export { checkBuiltFolder } from "./signing/check-built-folder.ts";
export { parseTrustedKeys, type TrustedKey } from "./signing/trusted-keys.ts";
export { SIGNATURE_FILE } from "./signing/signature-file.ts";

// Review, GitHub, deployment
export { decide } from "./review/decide.ts";
export { loadReviewPolicy } from "./review/load-policy.ts";
export { POLICY_PATH, type ReviewPolicy } from "./review/review-policy.ts";
export type { ReviewDecision } from "./review/review-decision.ts";
export type {
  CheckResultFacts,
  ReviewSnapshot,
  SnapshotApp,
  SnapshotFile,
  SnapshotReview,
} from "./review/review-snapshot.ts";
export type { QueueEntry, ReviewQueue } from "./review/review-queue.ts";
export type { GateOutcome, VersionReview } from "./review/version-review.ts";
export { makeReviewRecord, type ReviewRecord } from "./review/review-record.ts";
export { applyDecision, LocalPullRequest } from "./review/local-pull-request.ts";
export { collectReviewLedger, type ReviewSource } from "./publish/collect-review-ledger.ts";
export { startLocalHistory, type LocalHistory } from "./git/local-history.ts";
export { listChanges } from "./git/list-changes.ts";
export { readFilesAt } from "./git/read-at-commit.ts";
export { createOctokit, parseRepoRef } from "./github/create-octokit.ts";
export { targetOfEvent, type ReviewTarget } from "./github/review-event.ts";
export { runReviewGateFor, type GateRun } from "./github/run-review-gate.ts";
export { watchExpiry } from "./github/watch-expiry.ts";
export { collectDownloadStats } from "./github/collect-download-stats.ts";
export { uploadReleaseAssets } from "./github/upload-release-assets.ts";
export { parseReleaseRepository } from "./index/release-assets/release-asset-url.ts";
export {
  makeDownloadStats,
  parseDownloadStats,
  type AppDiscussion,
  type DownloadStats,
} from "./github/download-stats.ts";
export { discussedAppsOf, ensureAppDiscussions } from "./github/ensure-app-discussions.ts";
export { stageTestDeployment } from "./deploy/stage-test-deployment.ts";

// The client library (what runtimes use; the packaged client's surface)
export * from "./client/client.ts";
export { clientPackageUrl } from "./client/client-package.ts";
export { restoreLedger, type RestoredLedger } from "./client/read-live-ledger.ts";
