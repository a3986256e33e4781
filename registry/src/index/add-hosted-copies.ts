import path from "node:path";
import { readFile } from "node:fs/promises";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { sha256Hex } from "../artifact/digest.ts";
import { fetchArtifact } from "../artifact/fetch-artifact.ts";
import { openMirror } from "../artifact/mirror.ts";
import type { ArtifactSources } from "../artifact/artifact-sources.ts";
import type { AppIndexFiles } from "./build-index.ts";
import type { AppShard } from "./index-types.ts";
import { releaseAssetPath, type ReleaseAssetHosting } from "./release-assets/release-asset-url.ts";

/**
 * Default size budget of hosted copies: 512 MiB, half of GitHub Pages' 1 GB site limit,
 * leaving room for the index, catalog and pages.
 */
export const DEFAULT_HOST_BUDGET_BYTES = 512 * 1024 * 1024;

/** What hosting added: copies and their total size in bytes. */
export interface HostedCopies {
  count: number;
  bytes: number;
}

/**
 * Adds the bytes of every hosted copy the shards name (a relative `artifacts/...` URL whose
 * file is neither one of the app's files nor yet in `files`, or with `releaseAssets` a
 * release-asset URL of that repository: `hosted: true` versions, and helm charts under
 * `--host-artifacts`) to `files`. The bytes come from where validation verified them: the
 * download cache, a mirror (by digest), else (not offline) the upstream URL, and are kept
 * only when their sha256 and size equal the shard's. Released artifacts never change, so a
 * hosted copy never does either.
 *
 * @param budgetBytes most bytes all hosted copies may take together
 * @throws Error naming the copy that cannot be found, or the total over the budget: the
 *   build fails closed rather than publish a URL that serves nothing
 */
export async function addHostedCopies(
  apps: readonly AppIndexFiles[],
  files: Map<string, Buffer>,
  sources: ArtifactSources,
  budgetBytes: number,
  releaseAssets?: ReleaseAssetHosting,
): Promise<HostedCopies> {
  const wanted = apps.flatMap((app) => {
    const shard = JSON.parse(
      (app.files.get(app.shard.path) ?? files.get(app.shard.path))?.toString("utf8") ?? "{}",
    ) as Partial<AppShard>;
    return (shard.versions ?? [])
      .filter(
        (v) =>
          (v.artifact.url.startsWith("artifacts/") ||
            (releaseAssets !== undefined && releaseAssetPath(releaseAssets, v.artifact.url) !== undefined)) &&
          !app.files.has(v.artifact.url) &&
          !files.has(v.artifact.url),
      )
      .map((v) => ({ app: app.id, ...v.artifact }));
  });
  if (wanted.length === 0) return { count: 0, bytes: 0 };
  const { mirror } = await openMirror(sources.mirrors);
  const cache = sources.cacheDir === undefined ? undefined : openArtifactCache(sources.cacheDir);
  let total = 0;
  for (const copy of wanted) {
    const name = path.posix.basename(copy.url);
    let bytes = await cache?.get(copy.sha256);
    if (!bytes) {
      const hit = (await mirror.find(copy.sha256, name)).hit;
      if (hit) bytes = await readFile(hit.path);
    }
    if (!bytes && !sources.offline && copy.source !== undefined) {
      const fetched = await fetchArtifact(copy.source, sources.limits).catch(() => undefined);
      if (fetched?.sha256 === copy.sha256) bytes = fetched.bytes;
    }
    if (!bytes || sha256Hex(bytes) !== copy.sha256 || (copy.size !== undefined && bytes.length !== copy.size)) {
      throw new Error(
        `cannot host ${copy.url} (${copy.app}): no copy with sha256 ${copy.sha256} in the cache or a mirror${copy.source ? ` or at ${copy.source}` : ""}`,
      );
    }
    total += bytes.length;
    if (total > budgetBytes)
      throw new Error(
        `hosted copies take more than ${budgetBytes} bytes (the hosting budget, --host-budget-mb) at ${copy.url}; host fewer artifacts or raise the budget`,
      );
    files.set(copy.url, bytes);
  }
  return { count: wanted.length, bytes: total };
}
