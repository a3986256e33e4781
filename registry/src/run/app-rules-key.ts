import { createHash } from "node:crypto";
import { gitBlobId } from "../git/list-blob-ids.ts";
import type { LoadedApp } from "../manifest/load-registry.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import type { ManifestStore } from "./manifest-store.ts";

/**
 * A hash (sha256, hex) of everything `checkAppRules` reads for one app: the app folder, the
 * path and content id (Git blob id) of each of its manifests, its icon's path and bytes,
 * the category list, the publisher records its manifests name (a record, or null for
 * a missing one), and whether loopback URLs are accepted (the schema check depends on it). The rules' code is in the manifest cache's engine key, and the facts the
 * rules read are a function of exactly these (`gatherAppFacts`: the files and the
 * categories), so equal keys mean equal diagnostics. Undefined when a manifest has no
 * content id (no cache): such an app's rules always run.
 *
 * @param categoriesKey a hash of the category ids, computed once per run ({@link categoriesKeyOf})
 */
export function appRulesKey(
  loaded: LoadedApp,
  facts: AppFacts,
  store: ManifestStore,
  publishers: ReadonlyMap<string, PublisherRecord>,
  categoriesKey: string,
  allowHttpLoopback: boolean,
): string | undefined {
  const files = [...(loaded.app ? [loaded.app.file] : []), ...loaded.versions.map((v) => v.parsed.file)];
  const ids = files.map((file) => store.idOf(file));
  if (ids.some((id) => id === undefined)) return undefined;
  const icon = facts.icon ? [facts.icon.file, gitBlobId(facts.icon.bytes)] : null;
  const named = [facts.app?.data.publisher, ...facts.versions.map((v) => v.data.packagedBy)].filter(
    (id): id is string => typeof id === "string",
  );
  const records = [...new Set(named)].sort().map((id) => [id, publishers.get(id) ?? null]);
  return createHash("sha256")
    .update(JSON.stringify([loaded.id, files, ids, icon, records, categoriesKey, allowHttpLoopback]))
    .digest("hex");
}

/** A hash (sha256, hex) of a category list, for {@link appRulesKey}. */
export function categoriesKeyOf(categories: ReadonlySet<string>): string {
  return createHash("sha256")
    .update(JSON.stringify([...categories].sort()))
    .digest("hex");
}
