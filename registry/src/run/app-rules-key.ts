import type { LoadedApp } from "../manifest/load-registry.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import { appInputsOf, cacheKeyOf } from "./app-inputs.ts";
import type { ManifestStore } from "./manifest-store.ts";

/**
 * A hash (sha256, hex) of everything `checkAppRules` reads for one app: its
 * {@link appInputsOf} (the folder, each manifest's path and content id, the icon, the
 * publisher records its manifests name), the category list, and whether loopback URLs are
 * accepted (the schema check depends on it). The rules' code is in the manifest cache's
 * engine key, and the facts the rules read are a function of exactly these
 * (`gatherAppFacts`: the files and the categories), so equal keys mean equal diagnostics.
 * Undefined when a manifest has no content id (no cache): such an app's rules always run.
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
  const named = [facts.app?.data.publisher, ...facts.versions.map((v) => v.data.packagedBy)];
  const inputs = appInputsOf(loaded.id, files, facts.icon, named, store, publishers);
  return inputs && cacheKeyOf(["rules", inputs, categoriesKey, allowHttpLoopback]);
}

/** A hash (sha256, hex) of a category list, for {@link appRulesKey}. */
export function categoriesKeyOf(categories: ReadonlySet<string>): string {
  return cacheKeyOf([...categories].sort());
}
