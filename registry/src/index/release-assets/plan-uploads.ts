/** One asset the build wrote for upload (`release-assets.json`). */
export interface LocalAsset {
  tag: string;
  name: string;
  /** SHA-256 of its bytes (hex). */
  sha256: string;
  /** Size in bytes. */
  size: number;
}

/** An asset already on a release, as GitHub's REST API describes it. */
export interface RemoteAsset {
  id: number;
  name: string;
  size: number;
  /** `sha256:<hex>` (GitHub sets it on assets uploaded since mid-2025), or null when unknown. */
  digest?: string | null;
  /** `uploaded`, or `starter` for an upload that never finished. */
  state: string;
}

/** What to do with one local asset. */
export type UploadStep =
  | { kind: "create-release"; tag: string }
  | { kind: "upload"; asset: LocalAsset }
  | { kind: "skip"; asset: LocalAsset; why: string }
  | { kind: "compare-bytes"; asset: LocalAsset; remote: RemoteAsset }
  | { kind: "conflict"; asset: LocalAsset; why: string };

/**
 * Decides the upload of hosted copies to GitHub Releases (pure). Released archives are
 * immutable, so an asset is never replaced:
 * - no release with the tag: create it, then upload;
 * - no asset of that name: upload;
 * - an asset of that name with the same `digest`: skip;
 * - one with another size or digest, or an unfinished upload (`starter`): conflict (the
 *   caller fails closed: the URL would not serve the published digest);
 * - one of the same size without a digest: compare its bytes (the caller downloads it).
 *
 * @param remote assets by tag; undefined for a tag that has no release yet
 */
export function planUploads(
  local: readonly LocalAsset[],
  remote: ReadonlyMap<string, readonly RemoteAsset[] | undefined>,
): UploadStep[] {
  const steps: UploadStep[] = [];
  const created = new Set<string>();
  for (const asset of [...local].sort((a, b) =>
    a.tag === b.tag ? (a.name < b.name ? -1 : 1) : a.tag < b.tag ? -1 : 1,
  )) {
    const assets = remote.get(asset.tag);
    if (assets === undefined) {
      if (!created.has(asset.tag)) steps.push({ kind: "create-release", tag: asset.tag });
      created.add(asset.tag);
      steps.push({ kind: "upload", asset });
      continue;
    }
    const there = assets.find((a) => a.name === asset.name);
    if (!there) steps.push({ kind: "upload", asset });
    else if (there.state !== "uploaded")
      steps.push({
        kind: "conflict",
        asset,
        why: `release ${asset.tag} has an unfinished upload of ${asset.name} (state ${there.state}); delete it on GitHub, then publish again`,
      });
    else if (there.size !== asset.size)
      steps.push({
        kind: "conflict",
        asset,
        why: `release ${asset.tag} already has ${asset.name} with ${there.size} bytes, not ${asset.size}`,
      });
    else if (there.digest) {
      steps.push(
        there.digest === `sha256:${asset.sha256}`
          ? { kind: "skip", asset, why: "already uploaded with the same digest" }
          : {
              kind: "conflict",
              asset,
              why: `release ${asset.tag} already has ${asset.name} with digest ${there.digest}, not sha256:${asset.sha256}`,
            },
      );
    } else steps.push({ kind: "compare-bytes", asset, remote: there });
  }
  return steps;
}
