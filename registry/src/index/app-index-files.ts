import { readFileSync } from "node:fs";
import path from "node:path";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { AppFacts } from "../validate/rules/index.ts";
import { schemaCheck } from "../validate/schemas.ts";
import { buildAppIndexFiles, type AppIndexFiles, type IndexAppInput } from "./build-index.ts";

/**
 * What the index needs of a valid app: its manifests, icon, in-repo artifact bytes (read
 * from `<root>/apps/<id>/`), artifact metadata and the publisher records (by id).
 *
 * @throws Error when the app has invalid manifests, or an in-repo artifact cannot be read
 */
export function indexAppInput(
  facts: AppFacts,
  metadata: ReadonlyMap<string, ArtifactMetadata> | undefined,
  root: string,
  publishers: ReadonlyMap<string, PublisherRecord>,
  unavailable?: ReadonlyMap<string, string>,
  hostArtifacts = false,
): IndexAppInput {
  if (!facts.app?.valid || facts.versions.some((v) => !v.valid)) throw new Error(`apps/${facts.folder} has invalid manifests`);
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
  };
}

/**
 * {@link buildAppIndexFiles} of a valid app, with its shard checked against
 * `schema/shard.schema.json`.
 *
 * @throws Error as {@link indexAppInput}, or when the shard does not match its schema
 */
export function checkedAppIndexFiles(
  facts: AppFacts,
  metadata: ReadonlyMap<string, ArtifactMetadata> | undefined,
  root: string,
  publishers: ReadonlyMap<string, PublisherRecord>,
  unavailable?: ReadonlyMap<string, string>,
  hostArtifacts = false,
): AppIndexFiles {
  const built = buildAppIndexFiles(indexAppInput(facts, metadata, root, publishers, unavailable, hostArtifacts));
  const shard = built.files.get(built.shard.path) ?? Buffer.alloc(0);
  assertSchema(built.shard.path, "shard", shard);
  return built;
}

/** The schema kinds of generated files. */
export type GeneratedKind = "index" | "catalog" | "bin" | "shard" | "ledger" | "nextcloud-api-apps" | "nextcloud-api-categories" | "nextcloud-api-platforms";

/**
 * Checks a generated JSON file against its schema.
 *
 * @throws Error naming the file, the schema and the problems
 */
export function assertSchema(file: string, kind: GeneratedKind, bytes: Buffer): void {
  const errors = schemaCheck(kind)(JSON.parse(bytes.toString("utf8")));
  if (errors.length > 0) throw new Error(`generated ${file} does not match schema/${kind}.schema.json: ${errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
}
