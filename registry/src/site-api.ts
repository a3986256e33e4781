/**
 * The engine as the catalog site (site/) sees it: the one module of registry/src the site
 * imports. It reads the registry through the client library (openRegistry over a folder,
 * readWholeRegistry), renders Markdown with the validator's own renderer, and names the
 * published shapes (index, shard, review, stats). Nothing here is site-specific logic.
 *
 * Until the engine's public API module (issue 18) lands, this is the site-facing part of it.
 */
export { openRegistry, type OpenRegistryOptions, type Registry } from "./client/open-registry.ts";
export { readWholeRegistry, type WholeRegistry } from "./client/read-whole-registry.ts";
export { isRelativeUrl } from "./client/registry-source.ts";
export { clientPackageUrl } from "./client/client-package.ts";
export { sha256Hex } from "./artifact/digest.ts";
export type { ArtifactMetadata, ComposeMetadata } from "./artifact/inspect/inspect-types.ts";
export { parseDownloadStats, type AppDiscussion, type DownloadStats } from "./github/download-stats.ts";
export type {
  AppShard,
  CatalogView,
  FileRef,
  IndexEntry,
  LatestVersion,
  RegistryIndex,
  ShardVersion,
} from "./index/index-types.ts";
export { writeFolderAtomically } from "./index/write-output.ts";
export {
  DELIVERY_TYPES,
  type Compatibility,
  type DeliveryType,
  type Links,
  type Screenshot,
  type Translated,
} from "./manifest/types.ts";
export { MarkdownError, MAX_MARKDOWN_DEPTH, renderMarkdown } from "./markdown/render-markdown.ts";
export type { PublishedPublisher } from "./publisher/publisher-record.ts";
export type { QueueEntry, ReviewQueue } from "./review/review-queue.ts";
export type { GateOutcome, VersionReview } from "./review/version-review.ts";
export { parseTrustedKeys, type TrustedKey, type TrustedKeys } from "./signing/trusted-keys.ts";
export { schemaCheck } from "./validate/schemas.ts";
