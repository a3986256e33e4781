/**
 * The Appshelf client library, what runtimes use: open a registry (URL or folder) with
 * trusted keys, list and search apps, resolve `app@range` for a delivery type and
 * platform, and pull verified artifacts. See README "The client".
 */
export { ClientError, type ClientErrorReason } from "../errors/client-error.ts";
export { clientExitCode, EXIT_CODES, exitCodeOf } from "../errors/exit-codes.ts";
export { DEFAULT_CLIENT_LIMITS, type ClientLimits } from "./client-limits.ts";
export { artifactFileName, downloadArtifact, type ProgressListener, type SavedArtifact } from "./download-artifact.ts";
export { defaultClientCacheDir, openMetadataCache, type MetadataCache } from "./metadata-cache.ts";
export { openRegistry, type OpenRegistryOptions, type Registry } from "./open-registry.ts";
export { parseAppSpec, parsePlatforms, PLATFORMS, type AppSpec, type Platform } from "./parse-spec.ts";
export { pullApp, type PullReport, type PullRequest } from "./pull-app.ts";
export { resolveVersion, type ResolveRequest, type Resolution } from "./resolve-version.ts";
export { searchCatalog, type SearchOptions } from "./search-catalog.ts";
export { newTransferStats, type TransferRecord, type TransferStats } from "./transfer-stats.ts";
export { defaultTrustStateFile, readTrustState, type TrustRecord, type TrustState } from "./trust-state.ts";
export { mapUrl, parseUrlMappings, type UrlMapping } from "./url-map.ts";
export { verifyRegistry, type RegistryCheck } from "./verify-registry.ts";
export { DEFAULT_TRUSTED_KEYS_FILE, readTrustedKeys, type TrustedKeys } from "../signing/trusted-keys.ts";
export { installApp, type InstallIo, type InstallReport, type InstallRequest } from "./install/install-app.ts";
export { INSTALLABLE } from "./install/plan-install.ts";
export type { VerifiedFile } from "./fetch-pinned.ts";
export { DELIVERY_TYPES, type DeliveryType, type Suspension } from "../manifest/types.ts";
export type { AppShard, CatalogEntry, ShardVersion } from "../index/index-types.ts";
