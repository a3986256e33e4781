import { readFileSync } from "node:fs";
import path from "node:path";
import { stringify } from "yaml";
import { tarGzOf } from "../hostile/hostile-archives.ts";
import { CORPUS, REPO_ROOT } from "../temp-registry.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import type { DeliveryType, VersionManifest } from "../../src/manifest/types.ts";
import { readArchive } from "../../src/artifact/archive/read-archive.ts";
import type { InspectInput } from "../../src/artifact/inspect/inspect-types.ts";

/**
 * Test data helpers shared by the helm, compose and vm inspector tests (test-only; no
 * production code imports this file): real files from `../shared/corpus`, archives built
 * in memory, and valid-by-default inspector inputs.
 */

/** Absolute path of a file in the shared corpus, e.g. `helm/packages/emqx-5.8.5.tgz`. */
export function corpusPath(relative: string): string {
  return path.join(CORPUS, relative);
}

/** Absolute path of a file in this repository, e.g. `apps/gitea/compose.yaml`. */
export function repoPath(relative: string): string {
  return path.join(REPO_ROOT, relative);
}

/** Files of a corpus archive, unpacked in memory with the production reader, by path. */
export async function unpackCorpus(relative: string): Promise<Map<string, Buffer>> {
  const { archive, diagnostics } = await readArchive(readFileSync(corpusPath(relative)), relative, ["tar.gz", "zip"]);
  if (!archive) throw new Error(`cannot unpack ${relative}: ${JSON.stringify(diagnostics)}`);
  return new Map(archive.files);
}

/** A gzip-compressed ustar archive of regular files (mode 0644, mtime 0), in the given order (paths up to 100 bytes: no pax headers). */
export function packTarGz(files: ReadonlyMap<string, Buffer | string>): Buffer {
  for (const name of files.keys())
    if (Buffer.byteLength(name) > 100) throw new Error(`path too long for a plain ustar header: ${name}`);
  return tarGzOf([...files].map(([path, data]) => ({ path, data })));
}

/** Replaces text in one file of an unpacked archive; throws when the text is not there (so a fixture cannot silently stop breaking anything). */
export function edit(files: Map<string, Buffer>, name: string, from: string | RegExp, to: string): Map<string, Buffer> {
  const text = files.get(name)?.toString("utf8");
  if (text === undefined || !(typeof from === "string" ? text.includes(from) : from.test(text)))
    throw new Error(`${name} does not contain ${String(from)}`);
  files.set(name, Buffer.from(text.replace(from, to)));
  return files;
}

/** 1-based line of the first occurrence of `needle` in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`text does not contain ${needle}`);
  return text.slice(0, index).split("\n").length;
}

/** What to vary in a test input; everything else is valid by default. */
export interface InputOptions {
  bytes: Buffer;
  label: string;
  appId: string;
  delivery: DeliveryType;
  /** Fields of the version manifest (version defaults to 1.0.0). */
  version?: Partial<VersionManifest>;
}

/** An inspector input whose version manifest is written as YAML and parsed, so diagnostics about it have lines. */
export function anInspectInput(options: InputOptions): InspectInput {
  const version: VersionManifest = {
    version: "1.0.0",
    delivery: options.delivery,
    artifact: { url: `https://example.org/${options.label}`, sha256: "0".repeat(64), size: options.bytes.length },
    status: "released",
    released: "2025-01-01",
    ...options.version,
  };
  const file = `apps/${options.appId}/versions/${options.delivery}/${version.version}.yaml`;
  const manifest = parseYaml(file, stringify(version));
  return { bytes: options.bytes, label: options.label, appId: options.appId, version, manifest };
}

/** The input for a real version manifest of this repository (`apps/<app>/versions/<delivery>/<version>.yaml`). */
export function inputFromRepo(manifestPath: string, bytes: Buffer, label: string): InspectInput {
  const manifest = parseYaml(manifestPath, readFileSync(repoPath(manifestPath), "utf8"));
  const appId = manifestPath.split("/")[1] ?? "";
  return { bytes, label, appId, version: manifest.data as VersionManifest, manifest };
}
