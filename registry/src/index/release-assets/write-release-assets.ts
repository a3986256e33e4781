import { sha256Hex } from "../../artifact/digest.ts";
import { writeOutput } from "../../index/write-output.ts";
import { ASSET_LIST_FILE, type AssetList } from "./asset-list.ts";
import type { LocalAsset } from "./plan-uploads.ts";
import { releaseAssetPath, type ReleaseAssetHosting } from "./release-asset-url.ts";

/**
 * Writes hosted copies (and their `.prov` files) whose URLs are release assets of
 * `hosting` as the complete content of `outDir`, atomically: `<tag>/<asset>` files and
 * `release-assets.json` listing each with its sha256 and size (what
 * `scripts/upload-release-assets.ts` uploads and checks). Written even when empty, so
 * the upload step always has a list to read.
 *
 * @param copies bytes by their published URL
 * @returns the list written
 * @throws Error when a URL is not an asset of a per-app release of `hosting`, or two
 *   different copies would share one asset name in the same release
 */
export async function writeReleaseAssets(
  hosting: ReleaseAssetHosting,
  outDir: string,
  copies: ReadonlyMap<string, Buffer>,
): Promise<AssetList> {
  const files = new Map<string, Buffer>();
  const assets: LocalAsset[] = [];
  for (const [url, bytes] of copies) {
    const at = releaseAssetPath(hosting, url);
    if (!at)
      throw new Error(
        `${url} is not a release asset of ${hosting.owner}/${hosting.repo} (https://github.com/<owner>/<repo>/releases/download/appshelf-<app-id>/<file>)`,
      );
    const key = `${at.tag}/${at.name}`;
    const before = files.get(key);
    if (before && !before.equals(bytes))
      throw new Error(
        `release ${at.tag} would hold two different files named ${at.name}; one asset name serves one set of bytes`,
      );
    if (before) continue;
    files.set(key, bytes);
    assets.push({ tag: at.tag, name: at.name, sha256: sha256Hex(bytes), size: bytes.length });
  }
  assets.sort((a, b) => (a.tag === b.tag ? (a.name < b.name ? -1 : 1) : a.tag < b.tag ? -1 : 1));
  const list: AssetList = { formatVersion: 1, repository: `${hosting.owner}/${hosting.repo}`, assets };
  files.set(ASSET_LIST_FILE, Buffer.from(`${JSON.stringify(list, null, 2)}\n`));
  await writeOutput(outDir, files);
  return list;
}
