import { createHash } from "node:crypto";
import { gitBlobId } from "../git/list-blob-ids.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { ManifestStore } from "./manifest-store.ts";

/**
 * What an app's cached results (its rules' diagnostics, its index files) are computed from,
 * as read from its folder: each manifest's path and content id (Git blob id), the icon's path
 * and content id, and the publisher records its manifests name (a record, or null for a
 * missing one), sorted by publisher id. Plain data, so it hashes the same way every run.
 */
export interface AppInputs {
  /** Folder name under `apps/`. */
  folder: string;
  /** Repo-relative manifest paths: `app.yaml` first (when present), then the version files. */
  files: string[];
  /** The content id of each of `files`, in the same order. */
  ids: string[];
  /** The icon's repo path and content id; null without an icon. */
  icon: [string, string] | null;
  /** `[publisher id, record | null]` for each publisher the manifests name, by id. */
  records: [string, PublisherRecord | null][];
}

/**
 * The {@link AppInputs} of one app. Undefined when a manifest has no content id (the store
 * runs without a cache): results computed from such an app are never cached.
 *
 * @param files the app's manifest paths, app.yaml first
 * @param icon the icon as loaded (`LoadedApp.icon`), when there is one
 * @param named publisher ids the manifests name (`publisher`, each version's `packagedBy`); duplicates and non-strings are ignored
 */
export function appInputsOf(
  folder: string,
  files: readonly string[],
  icon: { file: string; bytes: Uint8Array } | undefined,
  named: readonly unknown[],
  store: ManifestStore,
  publishers: ReadonlyMap<string, PublisherRecord>,
): AppInputs | undefined {
  const ids: string[] = [];
  for (const file of files) {
    const id = store.idOf(file);
    if (id === undefined) return undefined;
    ids.push(id);
  }
  const publisherIds = [...new Set(named.filter((id): id is string => typeof id === "string"))].sort();
  return {
    folder,
    files: [...files],
    ids,
    icon: icon ? [icon.file, gitBlobId(icon.bytes)] : null,
    records: publisherIds.map((id) => [id, publishers.get(id) ?? null]),
  };
}

/** A cache key: the sha256 (hex) of `parts` as JSON (an app's {@link AppInputs} and what else its result depends on). */
export function cacheKeyOf(parts: readonly unknown[]): string {
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}
