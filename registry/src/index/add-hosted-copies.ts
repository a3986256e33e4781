import path from "node:path";
import { readFile } from "node:fs/promises";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { sha256Hex } from "../artifact/digest.ts";
import { openMirror } from "../artifact/mirror.ts";
import type { ArtifactSources } from "../artifact/artifact-sources.ts";
import type { AppIndexFiles } from "./build-index.ts";
import type { AppShard } from "./index-types.ts";
import { isUrl, previousCopyLocation, readPreviousCopy } from "./read-previous-copy.ts";
import { releaseAssetPath, releaseBase, type ReleaseAssetHosting } from "./release-assets/release-asset-url.ts";

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
 * hosted copy never does either. When the upstream is gone (the shard marks the version
 * `unavailableSince`) or does not serve the bytes, the copy is read back from where the
 * previous publish serves it (see `previousCopyLocation`: `previous` for copies beside the
 * index, the release asset itself for `releaseAssets`), digest and size checked the same
 * way: a copy stays published as long as some source still holds its exact bytes.
 *
 * @param previous the live registry (base URL or folder) the last publish went to, if any
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
  previous?: string,
): Promise<HostedCopies> {
  const wanted = apps.flatMap((app) => {
    const bytes = app.files.get(app.shard.path) ?? files.get(app.shard.path);
    // Not parsed when it cannot name a hosted copy: at 10,000 apps that is most of this step.
    // A staged app's shard (written out, not in `files`) never names one (see `stageAppFiles`).
    if (bytes ? !mayNameHostedCopy(bytes, releaseAssets) : app.staged !== undefined) return [];
    const shard = JSON.parse(bytes?.toString("utf8") ?? "{}") as Partial<AppShard>;
    return (shard.versions ?? [])
      .filter(
        (v) =>
          (v.artifact.url.startsWith("artifacts/") ||
            (releaseAssets !== undefined && releaseAssetPath(releaseAssets, v.artifact.url) !== undefined)) &&
          !app.files.has(v.artifact.url) &&
          !files.has(v.artifact.url),
      )
      .map((v) => ({
        app: app.id,
        ...v.artifact,
        ...(v.unavailableSince ? { unavailableSince: v.unavailableSince } : {}),
      }));
  });
  if (wanted.length === 0) return { count: 0, bytes: 0 };
  const { mirror } = await openMirror(sources.mirrors);
  const cache = sources.cacheDir === undefined ? undefined : openArtifactCache(sources.cacheDir);
  let total = 0;
  for (const copy of wanted) {
    const name = path.posix.basename(copy.url);
    const matches = (b: Buffer | undefined): b is Buffer =>
      b !== undefined && sha256Hex(b) === copy.sha256 && (copy.size === undefined || b.length === copy.size);
    let bytes = await cache?.get(copy.sha256);
    if (!matches(bytes)) {
      const hit = (await mirror.find(copy.sha256, name)).hit;
      bytes = hit ? await readFile(hit.path) : undefined;
    }
    const tried: string[] = [];
    if (!matches(bytes)) {
      // Offline, only a previous publish kept in a folder is read.
      const locations = networkSources(copy, previous).filter((l) => !sources.offline || !isUrl(l));
      for (const location of locations) {
        const read = await readPreviousCopy(location, sources.limits).catch((cause: Error) => cause);
        if (read instanceof Error) tried.push(`${location}: ${read.message}`);
        else if (matches(read)) {
          bytes = read;
          await cache?.put(read);
          break;
        } else
          tried.push(`${location}: sha256 ${sha256Hex(read as Buffer)} (${(read as Buffer).length} bytes), refused`);
      }
    }
    if (!matches(bytes)) {
      throw new Error(
        `cannot host ${copy.url} (${copy.app}): no copy with sha256 ${copy.sha256}${copy.size === undefined ? "" : ` and ${copy.size} bytes`} in the cache or a mirror${tried.map((t) => `; ${t}`).join("")}${sources.offline ? " (offline: nothing was downloaded)" : ""}`,
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

/**
 * False when a shard's bytes surely name no hosted copy: they hold no `"artifacts/` (the start
 * of a copy beside the index, or of an in-repo artifact), nor, with `releaseAssets`, the
 * start of that repository's release-asset URLs. Canonical JSON never escapes ASCII letters
 * or `/`, so a URL that starts so is found as these bytes. Pure.
 */
export function mayNameHostedCopy(shard: Buffer, releaseAssets?: ReleaseAssetHosting): boolean {
  if (shard.includes(ARTIFACTS_MARKER)) return true;
  return releaseAssets !== undefined && shard.includes(`"${releaseBase(releaseAssets)}`);
}

const ARTIFACTS_MARKER = Buffer.from('"artifacts/');

/**
 * Where a copy's bytes are read over the network (or from the previous publish's folder),
 * in order: the upstream (`source`) first, then the previous publish's copy; the previous
 * copy first when the upstream is known to be gone. Pure.
 */
export function networkSources(
  copy: { url: string; source?: string; unavailableSince?: string },
  previous: string | undefined,
): string[] {
  const upstream = copy.source !== undefined ? [copy.source] : [];
  const hosted = previousCopyLocation(previous, copy.url);
  const published = hosted !== undefined && !upstream.includes(hosted) ? [hosted] : [];
  return copy.unavailableSince ? [...published, ...upstream] : [...upstream, ...published];
}
