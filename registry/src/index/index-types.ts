import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppManifest, Category, Compatibility, DeliveryType, Links, Publisher, Screenshot, Translated } from "../manifest/types.ts";

/**
 * Types of the generated files, written from `schema/index.schema.json` and
 * `schema/shard.schema.json` (the source of truth).
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

/** One app in `index.json`. */
export interface IndexEntry {
  id: string;
  name: Translated;
  summary: Translated;
  categories: string[];
  keywords: string[];
  license: string;
  publisher: Publisher;
  icon?: FileRef;
  status: AppManifest["status"];
  deliveries: DeliveryType[];
  latest: Partial<Record<DeliveryType, LatestVersion>>;
  updated?: string;
  versions: number;
  shard: FileRef;
}

/** `index.json`. */
export interface RegistryIndex {
  formatVersion: 1;
  /** The Helm repository index `helm/index.yaml`. */
  helmIndex: FileRef;
  apps: IndexEntry[];
  categories: (Category & { apps: number })[];
}

/** One version in a shard. */
export interface ShardVersion {
  version: string;
  delivery: DeliveryType;
  appVersion?: string;
  artifact: { url: string; sha256: string; size?: number };
  compatibility?: Compatibility;
  changelog?: Translated;
  status: "released" | "suspended";
  released: string;
  /** What inspection read from the artifact. */
  metadata?: ArtifactMetadata;
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
  publisher: Publisher;
  maintainers: string[];
  links: Links;
  icon?: FileRef;
  screenshots: Screenshot[];
  status: AppManifest["status"];
  versions: ShardVersion[];
}
