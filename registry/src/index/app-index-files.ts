import { readFileSync } from "node:fs";
import path from "node:path";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import { schemaCheck } from "../json/schemas.ts";
import { buildAppIndexFiles, type AppIndexFiles, type IndexAppInput } from "./build-index.ts";
import type { ReleaseAssetHosting } from "./release-assets/release-asset-url.ts";

/** Where one app's index files are built from: a valid app's facts and what was found about it. */
export interface AppIndexSource {
  facts: AppFacts;
  /** Metadata read from its artifacts, by `<delivery>/<version>`. */
  metadata?: ReadonlyMap<string, ArtifactMetadata>;
  /** Registry root: in-repo artifacts are read from `<root>/apps/<id>/`. */
  root: string;
  /** Valid publisher records by id. */
  publishers: ReadonlyMap<string, PublisherRecord>;
  /** Versions published from the ledger whose URL is gone: `<delivery>/<version>` -> YYYY-MM-DD. */
  unavailable?: ReadonlyMap<string, string>;
  /** Host copies of released helm charts that have an upstream URL (`build --host-artifacts`). */
  hostArtifacts?: boolean;
  /** Host copies as GitHub Release assets of this repository (`build --release-assets`). */
  releaseAssets?: ReleaseAssetHosting;
}

/**
 * {@link buildAppIndexFiles} of a valid app: its manifests, icon, in-repo artifact bytes,
 * artifact metadata and publisher records, with its shard checked against
 * `schema/shard.schema.json`.
 *
 * @throws Error when the app has invalid manifests, an in-repo artifact cannot be read, or
 *   the shard does not match its schema
 */
export function appIndexFiles(source: AppIndexSource): AppIndexFiles {
  const built = buildAppIndexFiles(indexAppInput(source));
  const shard = built.files.get(built.shard.path) ?? Buffer.alloc(0);
  assertSchema(built.shard.path, "shard", shard);
  return built;
}

/** What {@link buildAppIndexFiles} takes, from an {@link AppIndexSource}. */
function indexAppInput({
  facts,
  metadata,
  root,
  publishers,
  unavailable,
  hostArtifacts = false,
  releaseAssets,
}: AppIndexSource): IndexAppInput {
  if (!facts.app?.valid || facts.versions.some((v) => !v.valid))
    throw new Error(`apps/${facts.folder} has invalid manifests`);
  const manifest = facts.app.data as AppManifest;
  const versions = facts.versions.map((v) => v.data as VersionManifest);
  const artifacts = new Map<string, Buffer>();
  for (const v of versions) {
    const p = v.artifact.path;
    if (p !== undefined) artifacts.set(p, readFileSync(path.join(root, "apps", facts.folder, p)));
  }
  return {
    manifest,
    versions,
    ...(facts.icon && manifest.icon ? { icon: { fileName: manifest.icon, bytes: facts.icon.bytes } } : {}),
    artifacts,
    metadata: metadata ?? new Map(),
    ...(unavailable && unavailable.size > 0 ? { unavailable } : {}),
    publishers,
    ...(hostArtifacts ? { hostArtifacts } : {}),
    ...(releaseAssets ? { releaseAssets } : {}),
  };
}

/** The schema kinds of generated files. */
export type GeneratedKind =
  | "index"
  | "catalog"
  | "bin"
  | "shard"
  | "ledger"
  | "reviews"
  | "names"
  | "nextcloud-api-apps"
  | "nextcloud-api-categories"
  | "nextcloud-api-platforms";

/**
 * Checks a generated JSON file against its schema.
 *
 * @throws Error naming the file, the schema and the problems
 */
export function assertSchema(file: string, kind: GeneratedKind, bytes: Buffer): void {
  const errors = schemaCheck(kind)(JSON.parse(bytes.toString("utf8")));
  if (errors.length > 0)
    throw new Error(
      `generated ${file} does not match schema/${kind}.schema.json: ${errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`,
    );
}
