import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { VersionReview } from "../review/version-review.ts";
import type { AppManifest, Category, Compatibility, DeliveryType, Links, Screenshot, Suspension, Translated } from "../manifest/types.ts";
import type { PublishedPublisher } from "../publisher/publisher-record.ts";

/**
 * Types of the generated files, written from the JSON Schemas (the source of truth):
 * `schema/index.schema.json` (the signed top file), `schema/catalog.schema.json`,
 * `schema/bin.schema.json` and `schema/shard.schema.json`.
 */

/** A file published beside index.json, pinned by SHA-256 and size in bytes. */
export interface FileRef {
  /** Relative to the folder holding index.json. */
  path: string;
  sha256: string;
  /** Bytes. */
  size: number;
  mediaType?: string;
}

/** Latest released version of one delivery type. */
export interface LatestVersion {
  version: string;
  appVersion?: string;
  /** YYYY-MM-DD. */
  released: string;
}

/** One app in `catalog.json`: the summary fields search and browsing need. */
export interface CatalogEntry {
  id: string;
  name: Translated;
  summary: Translated;
  categories: string[];
  keywords: string[];
  license: string;
  /** From the app's publisher record. */
  publisher: PublishedPublisher;
  icon?: FileRef;
  status: AppManifest["status"];
  /** Why the app is suspended; only while suspended. */
  suspension?: Suspension;
  deliveries: DeliveryType[];
  latest: Partial<Record<DeliveryType, LatestVersion>>;
  /** YYYY-MM-DD: newest release date among released versions. */
  updated?: string;
  versions: number;
}

/** A category with the number of active apps in it. */
export type CategoryCount = Category & { apps: number };

/** `catalog.json`. */
export interface Catalog {
  formatVersion: 1;
  /** Sorted by id. */
  apps: CatalogEntry[];
  categories: CategoryCount[];
}

/** `bins/<prefix>.json`: the shards of the apps whose id hash starts with `prefix` (PEP 458 hashed bins). */
export interface BinFile {
  formatVersion: 1;
  prefix: string;
  /** Shard by app id. */
  shards: Record<string, FileRef>;
}

/** `index.json`, the only signed file (see `index.json.sig`). */
export interface RegistryIndex {
  formatVersion: 2;
  /** Strictly increasing per publish; clients refuse a lower one than they saw (TUF 'version'). */
  serial: number;
  /** RFC 3339 UTC, whole seconds, e.g. `2026-06-10T12:00:00Z`; clients refuse the index after it. */
  expires: string;
  catalog: FileRef;
  /** The Helm repository index `helm/index.yaml`. */
  helmIndex: FileRef;
  bins: { prefixLength: number; files: Record<string, FileRef> };
  /** Download counts of artifacts (`stats.json`, schema/stats.schema.json), when the registry has them. */
  stats?: FileRef;
  /** The verification ledger (`ledger.json`, schema/ledger.schema.json), when the publish kept one. */
  ledger?: FileRef;
  /** The static Nextcloud app store API under `api/v1/` (apps, platforms, categories), when the registry has Nextcloud versions. */
  nextcloudApi?: FileRef[];
}

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

/** One version in a shard. */
export interface ShardVersion {
  version: string;
  delivery: DeliveryType;
  appVersion?: string;
  /** `url`: absolute HTTPS, or relative to the folder holding index.json; `size` in bytes. */
  artifact: { url: string; sha256: string; size?: number; source?: string };
  compatibility?: Compatibility;
  changelog?: Translated;
  status: "released" | "suspended";
  /** Why the version is suspended; only while suspended. */
  suspension?: Suspension;
  /** Who wrote this packaging, when not the app's publisher. */
  packagedBy?: PublishedPublisher;
  released: string;
  /** What inspection read from the artifact. */
  metadata?: ArtifactMetadata;
  /** YYYY-MM-DD: the artifact's URL stopped answering then; the version stays published from the verification ledger. */
  unavailableSince?: string;
  /** How it was reviewed (the build's review ledger); absent when the build had none. */
  review?: VersionReview;
}

/** `apps/<id>.json`. */
export interface AppShard {
  formatVersion: 1;
  id: string;
  name: Translated;
  summary: Translated;
  description: Translated;
  categories: string[];
  keywords: string[];
  license: string;
  /** From the app's publisher record. */
  publisher: PublishedPublisher;
  maintainers: string[];
  links: Links;
  icon?: FileRef;
  screenshots: Screenshot[];
  status: AppManifest["status"];
  /** Why the app is suspended; only while suspended. */
  suspension?: Suspension;
  versions: ShardVersion[];
}
