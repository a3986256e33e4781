import type { LocalAsset } from "./plan-uploads.ts";

/** Name of the list the build writes beside the release assets. */
export const ASSET_LIST_FILE = "release-assets.json";

/**
 * `release-assets.json`: what the build wrote for upload and the repository its URLs name.
 * The uploader checks every file against it before anything is uploaded.
 */
export interface AssetList {
  formatVersion: 1;
  /** `owner/name` of the repository the published URLs point at. */
  repository: string;
  /** Sorted by tag, then name. */
  assets: LocalAsset[];
}

/**
 * Reads and checks an asset list.
 *
 * @throws Error naming the file and what is wrong
 */
export function parseAssetList(value: unknown, file: string): AssetList {
  const list = value as Partial<AssetList> | null;
  const fail = (why: string): never => {
    throw new Error(`${file}: ${why}`);
  };
  if (typeof list !== "object" || list === null || list.formatVersion !== 1) return fail("formatVersion must be 1");
  if (typeof list.repository !== "string" || !/^[\w.-]+\/[\w.-]+$/.test(list.repository))
    return fail("repository must be owner/name");
  if (!Array.isArray(list.assets)) return fail("assets must be a list");
  for (const [i, a] of list.assets.entries()) {
    const ok =
      typeof a?.tag === "string" &&
      /^[\w.-]+$/.test(a.tag) &&
      typeof a.name === "string" &&
      /^[^/\\]+$/.test(a.name) &&
      a.name !== "." &&
      a.name !== ".." &&
      /^[0-9a-f]{64}$/.test(a.sha256 ?? "") &&
      Number.isSafeInteger(a.size) &&
      a.size > 0;
    if (!ok) fail(`assets[${i}] needs a tag, a file name without slashes, a sha256 (64 hex) and a size in bytes`);
  }
  return list as AssetList;
}
