import type { NextcloudApiShare } from "./api-types.ts";

/**
 * Build warnings about the Nextcloud app store API as a whole (pure), beside the
 * per-release ones of `buildNextcloudApi`:
 * - the API lists no app although the registry has Nextcloud releases: a server installs
 *   only releases signed with a certificate issued under Nextcloud's code-signing root, and
 *   none is (the sample apps are re-packs nobody can sign under that root);
 * - it was built with a private code-signing root (`build --nextcloud-private-root`): only
 *   servers that trust that root can install its releases.
 *
 * @param listed number of apps in `api/v1/apps.json`
 * @param privateRoot the private root's folder, when the build was given one
 */
export function nextcloudApiWarnings(
  shares: readonly NextcloudApiShare[],
  listed: number,
  privateRoot: string | undefined,
): string[] {
  const releases = shares.reduce((n, s) => n + s.app.releases.length + s.omitted.length, 0);
  const warnings: string[] = [];
  if (releases > 0 && listed === 0) {
    warnings.push(
      `the Nextcloud app store API lists no app: none of the ${releases} Nextcloud releases is signed under ${privateRoot ? "the private root" : "Nextcloud's code-signing root"}, and Nextcloud servers install signed releases only (see README, "Nextcloud app store API": the sample apps are re-packs nobody can sign under Nextcloud's root)`,
    );
  }
  if (privateRoot && listed > 0) {
    warnings.push(
      `the Nextcloud app store API was built with the private code-signing root ${privateRoot} (--nextcloud-private-root), NOT Nextcloud's: only Nextcloud servers whose resources/codesigning/root.crt is that root can install its releases; never publish it as a public app store`,
    );
  }
  return warnings;
}
