import { mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { ArtifactCache } from "../artifact/artifact-cache.ts";
import { sha256Hex } from "../artifact/digest.ts";
import { fetchArtifact, type FetchLimits } from "../artifact/fetch-artifact.ts";
import type { Mirror } from "../artifact/mirror.ts";
import { importNameDiagnostics } from "./check-import-names.ts";
import { ImportError } from "../errors/import-error.ts";
import { assertValidManifests, existingVersions, exists } from "./import-files.ts";
import { parseHelmRepoIndex, type HelmRepoEntry } from "./helm-repo-index.ts";
import { planHelmImport, type HelmImportOptions, type HelmImportPlan } from "./plan-helm-import.ts";
import { replaceFile } from "../fs/replace-file.ts";

/** An import request: where the Helm index is and how artifacts may be reached to learn their size. */
export interface ImportHelmRequest {
  /** Absolute registry root. */
  root: string;
  /** Path of an index.yaml file, or its HTTPS URL (the repository URL is then the URL's folder). */
  source: string;
  options: Omit<HelmImportOptions, "repoUrl"> & { repoUrl?: string };
  mirror: Mirror;
  cache?: ArtifactCache;
  offline: boolean;
  limits: FetchLimits;
}

export { ImportError } from "../errors/import-error.ts";

/**
 * Imports one chart of a Helm repository into `apps/<appId>/`: writes app.yaml for a new
 * app and a version file for each chart version not yet present (re-running adds only new
 * versions). Each artifact is looked up in the cache, the mirror, then (unless offline)
 * downloaded within limits, to verify its digest and record its size; artifacts that
 * cannot be reached are imported without a size. Every planned file is checked against
 * its JSON Schema first, and files are written through temp files and renames.
 *
 * @throws Error when the index cannot be read or parsed, or the chart is missing;
 *   ImportError (with diagnostics) when the app id or chart name breaks the manifests'
 *   name rules (checked before any path is built), or a planned manifest would be invalid.
 */
export async function importHelm(request: ImportHelmRequest): Promise<HelmImportPlan> {
  const badNames = importNameDiagnostics(request.options, request.source);
  if (badNames.length > 0)
    throw new ImportError("the chart or app id cannot name a folder in the registry; nothing was written", badNames);
  const { text, repoUrl } = await readSource(request);
  const entries = parseHelmRepoIndex(text);
  const options: HelmImportOptions = { ...request.options, ...(repoUrl ? { repoUrl } : {}) };
  const dir = path.join(request.root, "apps", options.appId);
  const existing = {
    app: await exists(path.join(dir, "app.yaml")),
    versions: await existingVersions(path.join(dir, "versions/helm")),
  };
  const wanted = entries.filter((e) => e.name === options.chart && !existing.versions.has(e.version));
  const sizes = await knownSizes(wanted, options, request);
  const plan = planHelmImport(entries, options, existing, sizes);
  assertValidManifests(plan.files);
  for (const [file, content] of plan.files) {
    const full = path.join(request.root, file);
    await mkdir(path.dirname(full), { recursive: true });
    await replaceFile(full, content);
  }
  return plan;
}

async function readSource(request: ImportHelmRequest): Promise<{ text: string; repoUrl?: string }> {
  if (/^https?:\/\//.test(request.source)) {
    const { bytes } = await fetchArtifact(request.source, request.limits);
    return {
      text: bytes.toString("utf8"),
      repoUrl: request.options.repoUrl ?? new URL(".", request.source).toString(),
    };
  }
  const text = await readFile(request.source, "utf8");
  return request.options.repoUrl ? { text, repoUrl: request.options.repoUrl } : { text };
}

async function knownSizes(
  entries: readonly HelmRepoEntry[],
  options: HelmImportOptions,
  request: ImportHelmRequest,
): Promise<Map<string, number>> {
  const sizes = new Map<string, number>();
  for (const entry of entries) {
    const url = entry.urls[0];
    if (!entry.digest || !url) continue;
    const size = await sizeOf(entry.digest, url, options.repoUrl, request);
    if (size !== undefined) sizes.set(entry.digest, size);
  }
  return sizes;
}

async function sizeOf(
  digest: string,
  url: string,
  repoUrl: string | undefined,
  request: ImportHelmRequest,
): Promise<number | undefined> {
  const cached = await request.cache?.get(digest);
  if (cached) return cached.length;
  const found = await request.mirror.find(digest, url.split("/").pop() ?? url);
  if (found.hit) return found.hit.size;
  if (request.offline) return undefined;
  try {
    const { bytes } = await fetchArtifact(
      new URL(url, repoUrl ? repoUrl.replace(/\/?$/, "/") : undefined).toString(),
      request.limits,
    );
    if (sha256Hex(bytes) !== digest) return undefined;
    await request.cache?.put(bytes);
    return bytes.length;
  } catch {
    return undefined;
  }
}
