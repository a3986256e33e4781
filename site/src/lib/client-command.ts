import { clientPackageUrl } from "../../../registry/src/site-api.ts";

/**
 * How a visitor gets the Appshelf client, for the catalog's install steps: the client
 * package tarball the registry's own site serves (registry/src/client/client-package.ts,
 * made by `npm pack` in packages/client), installed with npm from that URL. Never a bare
 * `npx appshelf`, which would fetch whatever package holds that name on npm.
 *
 * @param site the site's base URL, e.g. `https://example.org/`
 * @returns the shell command that installs the `appshelf` command
 */
export function clientInstallCommand(site: string): string | undefined {
  return `npm install --global ${clientPackageUrl(site)}`;
}
