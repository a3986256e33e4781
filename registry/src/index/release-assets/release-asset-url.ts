/**
 * Hosting copies as GitHub Release assets of the registry's repository: one release per
 * app, tagged `appshelf-<app-id>`, one asset per version (the hosted file's name), so a
 * copy's URL is `https://github.com/<owner>/<repo>/releases/download/appshelf-<app-id>/<file>`
 * and GitHub counts every download. Pure.
 */

/** The repository whose releases hold the hosted copies. */
export interface ReleaseAssetHosting {
  owner: string;
  repo: string;
}

/** Prefix of the per-app release tags, so they never clash with the registry's own tags. */
export const RELEASE_TAG_PREFIX = "appshelf-";

/** The tag of an app's release: `appshelf-<app-id>`. */
export function releaseTag(appId: string): string {
  return `${RELEASE_TAG_PREFIX}${appId}`;
}

/**
 * The asset name of a version's hosted copy in its app's release: the hosted file's name
 * when it holds the version (`harbor-1.19.1.tgz`; Helm `.prov` files name it, so charts keep
 * it), else `<version>-<file>` (`0.18.1-tasks.tar.gz`), so each version has its own asset.
 */
export function releaseAssetName(version: string, fileName: string): string {
  return fileName.includes(version) ? fileName : `${version}-${fileName}`;
}

/** Download URL of an asset of an app's release (file name percent-encoded as GitHub serves it). */
export function releaseAssetUrl(hosting: ReleaseAssetHosting, appId: string, fileName: string): string {
  return `${releaseBase(hosting)}${releaseTag(appId)}/${encodeURIComponent(fileName)}`;
}

/**
 * The release and asset a hosted copy's URL names, as a path `<tag>/<asset>` under the
 * release-assets folder, or undefined when the URL is not an asset of a per-app release of
 * this repository.
 */
export function releaseAssetPath(hosting: ReleaseAssetHosting, url: string): { tag: string; name: string } | undefined {
  const base = releaseBase(hosting);
  if (!url.startsWith(base)) return undefined;
  const [tag = "", name = "", ...rest] = url.slice(base.length).split("/");
  if (!tag.startsWith(RELEASE_TAG_PREFIX) || name === "" || rest.length > 0) return undefined;
  return { tag, name: decodeURIComponent(name) };
}

/** Where `hosting`'s release assets are downloaded from: `https://github.com/<owner>/<repo>/releases/download/`. */
export function releaseBase(hosting: ReleaseAssetHosting): string {
  return `https://github.com/${hosting.owner}/${hosting.repo}/releases/download/`;
}

/**
 * Parses `owner/name`, the repository whose releases hold hosted copies.
 *
 * @throws Error when it is not of that form
 */
export function parseReleaseRepository(fullName: string): ReleaseAssetHosting {
  const match = /^([A-Za-z0-9_.-]+)\/([A-Za-z0-9_.-]+)$/.exec(fullName);
  if (!match?.[1] || !match[2])
    throw new Error(`--release-assets: '${fullName}' is not a repository name like owner/name`);
  return { owner: match[1], repo: match[2] };
}
