import type { ShardVersion } from "../index/index-types.ts";
import { artifactFileName, downloadArtifact, type ProgressListener, type SavedArtifact } from "./download-artifact.ts";
import type { VerifiedFile } from "./fetch-pinned.ts";
import type { Registry } from "./open-registry.ts";
import { isRelativeUrl } from "./registry-source.ts";
import { resolveVersion, type ResolveRequest, type Resolution } from "./resolve-version.ts";
import { mapUrl, type UrlMapping } from "./url-map.ts";

/** What to pull and where. */
export interface PullRequest extends ResolveRequest {
  id: string;
  /** Folder the artifact is written to (created when missing; never a symbolic link). */
  outDir: string;
  /** Replace an existing file of the artifact's name (default: refuse, `output-exists`). */
  force?: boolean;
  /** Prefix rewrites for absolute artifact URLs (see {@link mapUrl}). */
  urlMap?: readonly UrlMapping[];
  onProgress?: ProgressListener;
}

/** Everything a pull verified, for the report. */
export interface PullReport {
  id: string;
  version: ShardVersion;
  skipped: Resolution["skipped"];
  /** Pinned metadata files read (bin, shard), each checked against its pin. */
  verified: VerifiedFile[];
  /** The artifact URL as the shard gives it. */
  url: string;
  artifact: SavedArtifact;
}

/**
 * Resolves `id` (see {@link resolveVersion}) through index.json -> bin -> shard, then
 * downloads the chosen version's artifact, verified against the shard's SHA-256 and size,
 * and writes it atomically to `outDir` (see {@link downloadArtifact}). Reads nothing else
 * from the registry: top index, one bin, one shard, the artifact.
 *
 * @throws ClientError for every refusal; nothing is written to `outDir` then.
 */
export async function pullApp(registry: Registry, request: PullRequest): Promise<PullReport> {
  const before = registry.verified.length;
  const shard = await registry.shard(request.id);
  const resolution = resolveVersion(shard, request);
  const { version } = resolution;
  const url = version.artifact.url;
  const location = isRelativeUrl(url) ? url : mapUrl(url, request.urlMap ?? []);
  const artifact = await downloadArtifact(registry.source, version, location, {
    outDir: request.outDir,
    force: request.force === true,
    fileName: artifactFileName(url, shard.id, version.version),
    maxBytes: registry.limits.maxArtifactBytes,
    ...(request.onProgress ? { onProgress: request.onProgress } : {}),
  });
  return {
    id: shard.id,
    version,
    skipped: resolution.skipped,
    verified: registry.verified.slice(before),
    url,
    artifact,
  };
}
