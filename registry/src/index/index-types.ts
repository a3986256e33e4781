/**
 * Types of the published files, generated from the JSON Schemas (the source of truth):
 * `schema/index.schema.json` (the signed top file), `schema/catalog.schema.json`,
 * `schema/bin.schema.json` and `schema/shard.schema.json`, into `registry/src/generated/` by
 * `npm run gen:types`, under the names the engine uses; plus the views the engine builds
 * from them. registry/test/codegen/ fails when the generated files drift from the schemas.
 */
import type { AppShard } from "../generated/app-shard.ts";
import type { AppEntry, Catalog, Latest } from "../generated/catalog.ts";
import type { FileRef, RegistryIndex } from "../generated/registry-index.ts";
import type { Category } from "../manifest/types.ts";

export type { AppShard } from "../generated/app-shard.ts";
export type { BinFile } from "../generated/bin-file.ts";
export type { Catalog } from "../generated/catalog.ts";
export type { FileRef, RegistryIndex } from "../generated/registry-index.ts";

/** Latest released version of one delivery type (catalog.schema.json `$defs/latest`). */
export type LatestVersion = Latest;

/** One app in `catalog.json`: the summary fields search and browsing need (catalog.schema.json `$defs/appEntry`). */
export type CatalogEntry = AppEntry;

/** A category with the number of active apps in it. */
export type CategoryCount = Category & { apps: number };

/** A catalog entry with its shard's pin: the per-app view the site pages use (built by joining catalog and bins). */
export interface IndexEntry extends CatalogEntry {
  shard: FileRef;
}

/**
 * index.json's own fields plus the catalog joined with the bins: every app with its shard
 * pin, and the categories (the view the site's `loadIndex()` returns).
 */
export interface CatalogView extends RegistryIndex {
  apps: IndexEntry[];
  categories: CategoryCount[];
}

/** One version in a shard (shard.schema.json `versions[]`). */
export type ShardVersion = AppShard["versions"][number];
