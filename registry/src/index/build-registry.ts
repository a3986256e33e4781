import { readFile } from "node:fs/promises";
import path from "node:path";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import type { ValidationResult } from "../validate/validate-registry.ts";
import { schemaCheck } from "../validate/schemas.ts";
import { buildIndex, type IndexAppInput } from "./build-index.ts";
import { writeOutput } from "./write-output.ts";

/** Summary of a build: where it went and what it holds. */
export interface BuildSummary {
  outDir: string;
  apps: number;
  versions: number;
  /** Number of files written. */
  files: number;
  /** Size of index.json in bytes. */
  indexBytes: number;
}

/**
 * Builds the index from a validation result that has no errors and writes it atomically
 * to `outDir` (see {@link writeOutput}). The generated index.json and every shard are
 * checked against `schema/index.schema.json` and `schema/shard.schema.json` before
 * anything is written.
 *
 * @throws Error when the validation result holds errors, or the output fails its own schema.
 */
export async function buildRegistry(result: ValidationResult, outDir: string): Promise<BuildSummary> {
  if (result.diagnostics.some((d) => d.severity === "error")) throw new Error("cannot build an index from a registry with validation errors");
  const apps: IndexAppInput[] = [];
  for (const facts of result.apps) {
    if (!facts.app?.valid || facts.versions.some((v) => !v.valid)) throw new Error(`apps/${facts.folder} has invalid manifests`);
    const manifest = facts.app.data as AppManifest;
    const versions = facts.versions.map((v) => v.data as VersionManifest);
    const artifacts = new Map<string, Buffer>();
    for (const v of versions) {
      const p = v.artifact.path;
      if (p !== undefined) artifacts.set(p, await readFile(path.join(result.registry.root, "apps", facts.folder, p)));
    }
    apps.push({
      manifest,
      versions,
      ...(facts.icon && manifest.icon ? { icon: { fileName: manifest.icon, bytes: facts.icon.bytes } } : {}),
      artifacts,
      metadata: result.metadata.get(facts.folder) ?? new Map(),
    });
  }
  const files = buildIndex({ categories: result.categories, apps });
  assertValid(files);
  await writeOutput(outDir, files);
  const indexBytes = files.get("index.json")?.length ?? 0;
  return { outDir, apps: apps.length, versions: apps.reduce((n, a) => n + a.versions.length, 0), files: files.size, indexBytes };
}

function assertValid(files: ReadonlyMap<string, Buffer>): void {
  for (const [file, bytes] of files) {
    const kind = file === "index.json" ? "index" : /^apps\/[^/]+\.json$/.test(file) ? "shard" : undefined;
    if (!kind) continue;
    const errors = schemaCheck(kind)(JSON.parse(bytes.toString("utf8")));
    if (errors.length > 0) throw new Error(`generated ${file} does not match schema/${kind}.schema.json: ${errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
  }
}
