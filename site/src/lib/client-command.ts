/**
 * How a visitor gets the Appshelf client, for the catalog's install steps and README. The
 * one place that says it (the client package is issue 16's client part): `undefined` until
 * the package is published under a name the registry controls, or served as a tarball by
 * the registry itself; until then no install step mentions the client, because a bare
 * `npx appshelf` would fetch whatever package holds that name on npm.
 *
 * @param site the site's base URL, e.g. `https://example.org/` (for a tarball served by the registry)
 * @returns the shell command that installs the `appshelf` command, or undefined
 */
export function clientInstallCommand(site: string): string | undefined {
  void site;
  return CLIENT_INSTALL_COMMAND;
}

/** The client install command itself (see {@link clientInstallCommand}); `undefined` while the client has no published package. */
export const CLIENT_INSTALL_COMMAND: string | undefined = undefined;
