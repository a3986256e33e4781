import { readFileSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { ArtifactSources } from "../artifact/artifact-sources.ts";
import type { LedgerEntry } from "../ledger/ledger-types.ts";
import type { Category } from "../manifest/types.ts";
import { SIGNATURE_FILE } from "../signing/signature-file.ts";
import { encodeLedger } from "../ledger/ledger-file.ts";
import { canonicalJson } from "../json/canonical-json.ts";
import { signIndex } from "../signing/sign-index.ts";
import type { SigningKey } from "../signing/signing-keys.ts";
import { schemaCheck } from "../json/schemas.ts";
import type { ReviewLedger } from "../review/version-review.ts";
import { addReviews } from "./add-reviews.ts";
import { assertSchema, type GeneratedKind } from "./app-index-files.ts";
import {
  addIndexJson,
  assembleRegistryFiles,
  registryFilesKey,
  type AppIndexFiles,
  type RegistryFileRefs,
} from "./build-index.ts";
import { DEFAULT_BIN_PREFIX_LENGTH } from "./assign-bin.ts";
import { assertPublication, type Publication } from "./publication.ts";
import { parse } from "yaml";
import { addHostedCopies, DEFAULT_HOST_BUDGET_BYTES, type HostedCopies } from "./add-hosted-copies.ts";
import { buildNextcloudApi, NEXTCLOUD_API_DIR } from "./nextcloud-api/build-nextcloud-api.ts";
import { nextcloudApiWarnings } from "./nextcloud-api/api-warnings.ts";
import { writeFilesInto, writeOutput, type StagingFolder } from "./write-output.ts";
import { InputError } from "../errors/appshelf-error.ts";
import { carryProvenance } from "./helm-provenance/carry-provenance.ts";
import type { ReleaseAssetHosting } from "./release-assets/release-asset-url.ts";
import { writeReleaseAssets } from "./release-assets/write-release-assets.ts";

/** Summary of a build: where it went and what it holds. */
export interface BuildSummary {
  outDir: string;
  apps: number;
  versions: number;
  /** Number of files written. */
  files: number;
  /** Size of index.json in bytes. */
  indexBytes: number;
  serial: number;
  expires: string;
  /** Ids of the keys that signed index.json; empty when the build is unsigned. */
  signedBy: string[];
  /** Build warnings: versions left out of the Nextcloud app store API, and why. */
  warnings: string[];
  /** Hosted copies published next to the index. */
  hosted: HostedCopies;
  /** Helm provenance files carried with hosted charts. */
  provenance: number;
}

/**
 * What a build is made of: each valid app's index files and the registry-wide parts, from
 * a validation without errors (the run layer's `indexBuildInput`).
 */
export interface IndexBuildInput {
  /** Absolute registry root (download counts are read from it). */
  root: string;
  /** Each valid app's files for the index, in app id order. */
  apps: readonly AppIndexFiles[];
  /** The valid category list. */
  categories: Category[];
  /** The verification ledger to publish, by SHA-256; no ledger.json when undefined. */
  ledger?: Record<string, LedgerEntry>;
  /** Where validation found artifacts: hosted copies are taken from the same places. */
  artifactSources: ArtifactSources;
  /** Registry-wide files kept from an earlier build (the validation's manifest cache): reused by key when the build stages. */
  registryFiles?: RegistryFilesStore;
}

/**
 * Registry-wide files (`assembleRegistryFiles`) kept from an earlier build by their
 * `registryFilesKey`, so a build whose apps and inputs are unchanged links them into its
 * staging folder instead of assembling, checking and writing them again (the run layer's
 * `registryFilesStoreIn`, in the manifest cache). Never throws: what cannot be reused or
 * kept is built, or built again next time.
 */
export interface RegistryFilesStore {
  /**
   * Links the files kept under `key` into folder `dir` (making folders, recorded in `made`)
   * and returns their pins and how many they are; undefined when nothing usable is kept
   * under `key` (files linked before a failure are replaced by the build's own writes).
   */
  reuse(key: string, dir: string, made?: Set<string>): { refs: RegistryFileRefs; files: number } | undefined;
  /** Keeps `files` (just written into `dir`, at their paths) and their pins `refs` under `key`, in place of what was kept. */
  keep(key: string, refs: RegistryFileRefs, files: ReadonlyMap<string, Buffer>, dir: string): void;
}

/** How the published files are built beyond the validation result. */
export interface BuildOptions {
  /** The site's base URL (HTTPS), for absolute download URLs of hosted copies in the Nextcloud API. */
  siteUrl?: string;
  /** Most bytes hosted copies may take together; default {@link DEFAULT_HOST_BUDGET_BYTES}. */
  hostBudgetBytes?: number;
  /** OpenPGP public keyring: every carried Helm `.prov` must pass `helm verify --keyring` with it (see `carryProvenance`). */
  helmKeyring?: string;
  /**
   * Host copies as GitHub Release assets of this repository (one release per app, tag
   * `appshelf-<app-id>`) instead of beside the index: their URLs are release-asset URLs and
   * their bytes (with `.prov` files) are written to `outDir` for upload
   * (`scripts/upload-release-assets.ts`), not into the site.
   */
  releaseAssets?: ReleaseAssetHosting & { outDir: string };
  /**
   * The previous publish (the live registry's base URL, or a folder holding it): a hosted
   * copy whose bytes are in no cache or mirror and whose upstream is gone is read back from
   * there, digest checked (see `addHostedCopies`).
   */
  previousPublish?: string;
  /** The private code-signing root's folder the validation used (`--nextcloud-private-root`): the build warns that the API is not for Nextcloud's root. */
  nextcloudPrivateRoot?: string;
  /** The Git commit whose apps/ the validation read (see `git/source-commit.ts`), signed in index.json beside the name table. */
  sourceCommit?: string;
  /**
   * The staging folder the apps' files were written into as they were built
   * (`validateForIndex` with its `dir`, see `stageAppFiles`): the build writes the other
   * files there too and publishes it in place of `outDir`, or discards it when it fails.
   * Required when any app is staged.
   */
  staging?: StagingFolder;
}

/**
 * Builds the index from the apps' index files and writes it atomically
 * to `outDir` (see {@link writeOutput}). The generated index.json, catalog, bins and
 * shards are checked against their schemas in `schema/` before anything is written. With
 * `signingKeys`, `index.json.sig` is written in the same atomic step; without, the build
 * is unsigned (clients refuse it unless told to accept unsigned indexes).
 *
 * Hosted copies (see `addHostedCopies`) are published with the Helm provenance files their
 * upstream signed for them (see `carryProvenance`).
 *
 * With `reviews` (the review ledger, `schema/reviews.schema.json`), every version's shard
 * entry carries its review history as `review` (see {@link addReviews}), and the ledger is
 * published as `reviews.json`, pinned from index.json, for the next publish to reuse
 * (`review-records --previous`).
 *
 * With `options.staging`, the apps' files are already in the staging folder: the rest is
 * written beside them and the folder published (the same files, byte for byte, as a build
 * holding every app's files; tested); when the build fails, the folder is discarded and the
 * old output stays untouched.
 *
 * @param publication serial and expiry of this publish (see {@link Publication})
 * @throws InputError when the publication or the download counts are invalid; Error when a hosted copy cannot be found, the output fails its own schema, or apps were staged without `options.staging`.
 */
export async function buildRegistry(
  input: IndexBuildInput,
  outDir: string,
  publication: Publication,
  signingKeys: readonly SigningKey[] = [],
  reviews?: ReviewLedger,
  options: BuildOptions = {},
): Promise<BuildSummary> {
  const staging = options.staging;
  if (!staging) {
    if (input.apps.some((a) => a.staged !== undefined))
      throw new Error("the apps' files were written into a staging folder, but the build was given none");
    return await buildInto(input, outDir, publication, signingKeys, reviews, options);
  }
  try {
    return await buildInto(input, outDir, publication, signingKeys, reviews, options, staging);
  } catch (cause) {
    await staging.discard();
    throw cause;
  }
}

/** {@link buildRegistry}, into `staging` when given (which the caller discards on failure). */
async function buildInto(
  input: IndexBuildInput,
  outDir: string,
  publication: Publication,
  signingKeys: readonly SigningKey[],
  reviews: ReviewLedger | undefined,
  options: BuildOptions,
  staging?: StagingFolder,
): Promise<BuildSummary> {
  if (staging && path.resolve(outDir) !== staging.outDir)
    throw new Error(`the staging folder ${staging.dir} is for ${staging.outDir}, not ${path.resolve(outDir)}`);
  // Hosted copies first (their bytes, checked by digest), then the .prov files upstream signed for them, pinned in the shards.
  const hosting = options.releaseAssets
    ? { owner: options.releaseAssets.owner, repo: options.releaseAssets.repo }
    : undefined;
  const hostedBytes = new Map<string, Buffer>();
  // Release assets have no Pages budget; copies beside the index do.
  const hosted = await addHostedCopies(
    input.apps,
    hostedBytes,
    input.artifactSources,
    hosting ? Number.MAX_SAFE_INTEGER : (options.hostBudgetBytes ?? DEFAULT_HOST_BUDGET_BYTES),
    hosting,
    options.previousPublish,
  );
  const sources = input.artifactSources;
  const repacked = (versionFile: string) => isRepacked(input.root, versionFile);
  const carried = await carryProvenance(input.apps, hostedBytes, {
    limits: sources.limits,
    offline: sources.offline,
    repacked,
    ...(options.helmKeyring ? { keyring: options.helmKeyring } : {}),
    ...(options.previousPublish ? { previous: options.previousPublish } : {}),
  });
  const apps = reviews ? carried.apps.map((app) => reviewed(app, reviews, staging)) : carried.apps;
  const stats = await readStats(input.root);
  const ledger = input.ledger ? encodeLedger(input.ledger) : undefined;
  const files = new Map<string, Buffer>();
  for (const app of apps) for (const [file, bytes] of app.files) files.set(file, bytes);
  assertPublication(publication);
  const registryInput = {
    categories: input.categories,
    ...(options.siteUrl ? { siteUrl: options.siteUrl } : {}),
    binPrefixLength: publication.binPrefixLength ?? DEFAULT_BIN_PREFIX_LENGTH,
  };
  // Unchanged apps and inputs (a re-sign, a warm build): the registry-wide files of the last build, linked.
  const kept = staging && input.registryFiles ? { store: input.registryFiles, dir: staging.dir } : undefined;
  const key = kept && registryFilesKey(apps, registryInput);
  const reused = kept && key !== undefined ? kept.store.reuse(key, kept.dir) : undefined;
  let refs: RegistryFileRefs;
  let registry: ReturnType<typeof assembleRegistryFiles> | undefined;
  if (reused) refs = reused.refs;
  else {
    registry = assembleRegistryFiles(apps, registryInput);
    refs = registry.refs;
    for (const [file, bytes] of registry.files) files.set(file, bytes);
  }
  const index = addIndexJson(
    files,
    refs,
    {
      ...(stats ? { stats } : {}),
      ...(ledger ? { ledger } : {}),
      ...(reviews ? { reviews: canonicalJson(reviews) } : {}),
      ...(options.sourceCommit ? { sourceCommit: options.sourceCommit } : {}),
    },
    publication,
  );
  const copies = new Map([...hostedBytes, ...carried.provenance]);
  if (!hosting) for (const [url, bytes] of copies) files.set(url, bytes);
  const shares = apps.flatMap((a) => (a.nextcloud ? [a.nextcloud] : []));
  const api = buildNextcloudApi(shares, options.siteUrl);
  const listed = (api.files.get(`${NEXTCLOUD_API_DIR}/apps.json`) as unknown[] | undefined)?.length ?? 0;
  const warnings = [
    ...api.warnings,
    ...nextcloudApiWarnings(shares, listed, options.nextcloudPrivateRoot),
    ...carried.warnings,
  ];
  for (const [file, bytes] of files) {
    const kind = kindOf(file);
    if (kind) assertSchema(file, kind, bytes);
  }
  if (signingKeys.length > 0) files.set(SIGNATURE_FILE, signIndex(index, signingKeys));
  // Last before the output is published (each written atomically): a build that fails before writes neither.
  if (options.releaseAssets && hosting) await writeReleaseAssets(hosting, options.releaseAssets.outDir, copies);
  if (staging) {
    writeFilesInto(staging.dir, files);
    if (kept && key !== undefined && registry) kept.store.keep(key, registry.refs, registry.files, kept.dir);
    await staging.publish();
  } else await writeOutput(outDir, files);
  return {
    outDir,
    apps: apps.length,
    versions: apps.reduce((n, a) => n + a.entry.versions, 0),
    files: files.size + (reused?.files ?? 0) + apps.reduce((n, a) => n + (a.staged ?? 0), 0),
    indexBytes: index.length,
    serial: publication.serial,
    expires: publication.expires,
    signedBy: signingKeys.map((k) => k.keyId),
    warnings,
    hosted,
    provenance: carried.provenance.size,
  };
}

/**
 * {@link addReviews} of an app; a staged app's shard is read from the staging folder and
 * written back there reviewed (one at a time: the shards are not all held).
 */
function reviewed(app: AppIndexFiles, reviews: ReviewLedger, staging: StagingFolder | undefined): AppIndexFiles {
  if (app.staged === undefined || app.files.has(app.shard.path)) return addReviews(app, reviews);
  if (!staging) throw new Error(`${app.shard.path} was staged, but the build was given no staging folder`);
  const shard = readFileSync(path.join(staging.dir, app.shard.path));
  const done = addReviews({ ...app, files: new Map([[app.shard.path, shard]]) }, reviews);
  writeFilesInto(staging.dir, done.files);
  return { ...done, files: new Map() };
}

/** Schema of a generated file the build checks here (shards are checked as each app is built). */
function kindOf(file: string): GeneratedKind | undefined {
  if (file === "index.json") return "index";
  if (file === "ledger.json") return "ledger";
  if (file === "reviews.json") return "reviews";
  if (file === "names.json") return "names";
  if (file === "catalog.json") return "catalog";
  if (file === `${NEXTCLOUD_API_DIR}/apps.json` || /^api\/v1\/platform\/\d+\.\d+\.\d+\/apps\.json$/.test(file))
    return "nextcloud-api-apps";
  if (file === `${NEXTCLOUD_API_DIR}/categories.json`) return "nextcloud-api-categories";
  if (file === `${NEXTCLOUD_API_DIR}/platforms.json`) return "nextcloud-api-platforms";
  return /^bins\/[0-9a-f]+\.json$/.test(file) ? "bin" : undefined;
}

/** Repo-relative path of the download counts the stats workflow commits. */
export const DOWNLOAD_STATS_FILE = ".github/appshelf/downloads.json";

/**
 * Reads the registry's download counts, if it has any, and checks them against
 * schema/stats.schema.json.
 *
 * @throws InputError when the file exists but is not valid.
 */
async function readStats(root: string): Promise<Buffer | undefined> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path.join(root, DOWNLOAD_STATS_FILE));
  } catch {
    return undefined;
  }
  const errors = schemaCheck("stats")(JSON.parse(bytes.toString("utf8")));
  if (errors.length > 0)
    throw new InputError(
      "input/download-stats",
      `${DOWNLOAD_STATS_FILE} does not match schema/stats.schema.json: ${errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`,
    );
  return bytes;
}

/**
 * True when a version file declares its artifact a re-pack the registry hosts
 * (`artifact.hosted: true`), read from `<root>/<versionFile>`; false when it cannot be read.
 */
async function isRepacked(root: string, versionFile: string): Promise<boolean> {
  try {
    const data = parse(await readFile(path.join(root, versionFile), "utf8")) as {
      artifact?: { hosted?: unknown };
    } | null;
    return data?.artifact?.hosted === true;
  } catch {
    return false;
  }
}
