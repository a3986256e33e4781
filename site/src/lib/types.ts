/**
 * Types of the generated index the catalog reads. They are the engine's own types
 * (registry/src/index/index-types.ts, written from schema/index.schema.json and
 * schema/shard.schema.json), re-exported under the names the site uses.
 */
import type { AppShard, CatalogView as EngineIndex, IndexEntry, ShardVersion } from "../../../registry/src/site-api.ts";

export { DELIVERY_TYPES } from "../../../registry/src/site-api.ts";
export type { Compatibility, DeliveryType, Links, Screenshot, Translated } from "../../../registry/src/site-api.ts";
export type { PublishedPublisher as Publisher } from "../../../registry/src/site-api.ts";
export type { FileRef, LatestVersion as Latest } from "../../../registry/src/site-api.ts";

/** BCP 47 language tag such as "en" or "zh-CN". */
export type LanguageTag = string;

export type RegistryIndex = EngineIndex;
export type AppEntry = IndexEntry;
export type CategoryEntry = EngineIndex["categories"][number];
export type Shard = AppShard;
export type AppVersion = ShardVersion;
export type Artifact = ShardVersion["artifact"];
export type AppStatus = IndexEntry["status"];
export type VersionStatus = ShardVersion["status"];
