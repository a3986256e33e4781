/**
 * How people get the client: not from a name on npm (an unscoped `appshelf` there is not
 * ours, and `npx appshelf` would run whatever holds that name), but as the tarball
 * `npm pack` makes of packages/client, served by the registry's own site beside index.json
 * (the publish workflow puts it there). Its runtime dependencies are bundled inside, so
 * installing it reads nothing from any package registry. The site and README show
 * {@link clientCommand}; trust in the tarball is trust in the site that serves index.json.
 */

/** Version of packages/client/package.json (a test keeps them equal). */
export const CLIENT_VERSION = "0.1.0";

/** Path of the client tarball on a registry's site, e.g. `client/appshelf-client-0.1.0.tgz`. */
export const CLIENT_PACKAGE_PATH = `client/appshelf-client-${CLIENT_VERSION}.tgz`;

/** The client tarball's URL on the site at `site` (base URL, with or without a trailing slash). */
export function clientPackageUrl(site: string): string {
  return `${site.replace(/\/+$/, "")}/${CLIENT_PACKAGE_PATH}`;
}

/**
 * The command that runs the client from the site's tarball, to which a subcommand and its
 * arguments are appended: `npx --yes --package=<site>/client/appshelf-client-<v>.tgz appshelf`.
 * (To install it for good: `npm install --global <same URL>`, then `appshelf ...`.)
 */
export function clientCommand(site: string): string {
  return `npx --yes --package=${clientPackageUrl(site)} appshelf`;
}
