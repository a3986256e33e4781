import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { trimPositionTable } from "../manifest/position-table.ts";
import type { AppManifest } from "../manifest/types.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { AppFacts, VersionFacts } from "../validate/rules/index.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";
import { cacheKeyOf } from "./app-inputs.ts";
import { hostingKeyOf } from "./build-index-files.ts";
import { categoriesKeyOf } from "./app-rules-key.ts";
import type { AppResult, KeptManifest } from "./app-result-types.ts";
import { restoreParsed } from "./manifest-store.ts";

export type { AppResult } from "./app-result-types.ts";

/**
 * The key of an app's {@link AppResult}: a hash of its folder's content as Git vouches for it
 * (`listWorkTree`'s folder digest: every path, mode and blob id, nothing untracked), and
 * whether loopback URLs are accepted. The code that computes the result is in the cache's
 * engine key; what it read outside the folder (publisher records, the category list) is
 * checked on use ({@link usableResult}). Undefined when Git does not vouch for the folder.
 */
export function appResultKey(folderDigest: string | undefined, allowHttpLoopback: boolean): string | undefined {
  return folderDigest && cacheKeyOf(["app", folderDigest, allowHttpLoopback]);
}

/**
 * A hash (sha256, hex) of the records of publishers `ids` (a record, or null for one that
 * does not exist): what the rules and the index files read of the publishers.
 */
export function publishersKeyOf(ids: readonly string[], publishers: ReadonlyMap<string, PublisherRecord>): string {
  return cacheKeyOf(ids.map((id) => [id, publishers.get(id) ?? null]));
}

/**
 * What an app's result takes from the category list (`schema/categories.yaml`), as a token:
 * rule `app/category-exists` reports nothing when every category the app names is listed
 * (`known`), and nothing at all for an empty list (`empty`); an unknown category's message
 * suggests the closest listed one, so then the whole list counts (`list:<hash>`).
 *
 * @param named the categories app.yaml names (its schema-valid `categories`), if any
 */
export function categoriesTokenOf(named: readonly string[] | undefined, categories: ReadonlySet<string>): string {
  if (categories.size === 0) return "empty";
  if ((named ?? []).every((c) => categories.has(c))) return "known";
  return `list:${categoriesKeyOf(categories)}`;
}

/** The publisher ids an app's manifests name (`publisher`, each version's `packagedBy`), sorted, duplicates and non-strings left out. */
export function namedPublishers(facts: AppFacts): string[] {
  const named = [facts.app?.data.publisher, ...facts.versions.map((v) => v.data.packagedBy)];
  return [...new Set(named.filter((id): id is string => typeof id === "string"))].sort();
}

/**
 * `result` when what it read outside its folder is still the same: the records of the
 * publishers it names ({@link publishersKeyOf}) and its share of the category list
 * ({@link categoriesTokenOf}); else undefined.
 */
export function usableResult(
  result: AppResult | undefined,
  publishers: ReadonlyMap<string, PublisherRecord>,
  categories: ReadonlySet<string>,
): AppResult | undefined {
  if (!result || publishersKeyOf(result.publishers.ids, publishers) !== result.publishers.key) return undefined;
  return categoriesTokenOf(result.categories.named, categories) === result.categories.token ? result : undefined;
}

/**
 * A hash of what an app's index files take from its artifact checks and the build: each
 * version's metadata and unavailability, and how copies are hosted (`hostingKeyOf`: beside
 * the index or as release assets of which repository). Equal keys (with the same
 * {@link appResultKey}) mean equal index files.
 */
export function artifactKeyOf(
  metadata: ReadonlyMap<string, unknown> | undefined,
  unavailable: ReadonlyMap<string, string> | undefined,
  hostArtifacts: boolean,
  releaseAssets: ReleaseAssetHosting | undefined,
): string {
  return cacheKeyOf([
    metadata ? [...metadata] : null,
    unavailable ? [...unavailable] : null,
    hostingKeyOf(hostArtifacts, releaseAssets),
  ]);
}

/** Where app.yaml holds the Nextcloud code-signing certificate: all the artifact checks read of it. */
const CERTIFICATE_PATH = ["nextcloud", "certificate"];

/** The {@link AppResult} of an app a run checked in full (index files are added after the build). */
export function appResultOf(
  facts: AppFacts,
  layout: Diagnostic[],
  diagnostics: Diagnostic[],
  versions: number,
  publishers: ReadonlyMap<string, PublisherRecord>,
): AppResult {
  const named = namedPublishers(facts);
  const categories = facts.app?.data.categories;
  const kept = (parsed: ParsedYaml, data: unknown, valid: boolean): KeptManifest => {
    const manifest: KeptManifest = { file: parsed.file, data, valid };
    if (parsed.positions !== undefined) manifest.positions = parsed.positions;
    return manifest;
  };
  const result: AppResult = {
    layout,
    diagnostics,
    versions,
    publishers: { ids: named, key: publishersKeyOf(named, publishers) },
    categories: {
      named: categories ? [...categories] : [],
      token: categoriesTokenOf(categories, facts.categories),
    },
    versionFacts: facts.versions.map((v) => ({
      ...kept(v.parsed, v.data, v.valid),
      folder: v.folder,
      fileVersion: v.fileVersion,
    })),
  };
  if (facts.app) {
    // Of app.yaml the artifact checks read only the code-signing certificate (`signingFacts`, `inspectNextcloud`).
    const certificate = facts.app.data.nextcloud?.certificate;
    const app = kept(
      facts.app.parsed,
      certificate === undefined ? {} : { nextcloud: { certificate } },
      facts.app.valid,
    );
    if (app.positions !== undefined) app.positions = trimPositionTable(app.positions, [CERTIFICATE_PATH]);
    result.app = app;
  }
  return result;
}

/**
 * The facts an {@link AppResult} keeps: enough for the artifact checks
 * (`checkAppArtifacts`: the versions and app.yaml), not for the rules or the index files.
 *
 * @param root registry root: a manifest without a position table is located by parsing its file again
 */
export function factsOfResult(
  root: string,
  folder: string,
  result: AppResult,
  categories: ReadonlySet<string>,
): AppFacts {
  const parsed = (m: KeptManifest) => restoreParsed(root, m.file, m.data, [], m.positions);
  const versions: VersionFacts[] = result.versionFacts.map((v) => ({
    parsed: parsed(v),
    folder: v.folder,
    fileVersion: v.fileVersion,
    data: v.data as VersionFacts["data"],
    valid: v.valid,
  }));
  const facts: AppFacts = { folder, versions, categories };
  if (result.app)
    facts.app = { parsed: parsed(result.app), data: result.app.data as Partial<AppManifest>, valid: result.app.valid };
  return facts;
}
