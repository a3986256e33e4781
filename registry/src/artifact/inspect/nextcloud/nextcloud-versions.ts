import semver from "semver";

/** A platform version in info.xml: 1 to 3 numbers (info.xsd simple type `version`). */
const PLATFORM_VERSION = /^[0-9]+(\.[0-9]+){0,2}$/;

/**
 * Pads an app version to three numbers, keeping a pre-release: `1.2` -> `1.2.0`,
 * `1-beta.1` -> `1.0.0-beta.1`, `0.11.10-alpha1` unchanged. The app store compares
 * versions the same way (nextcloudappstore/core/versioning.py `pad_min_version`).
 *
 * @returns the padded version when it is valid semver (node-semver, strict: no leading
 *   zeros, no `v` prefix), else undefined
 */
export function padAppVersion(version: string): string | undefined {
  const match = /^([0-9]+)(?:\.([0-9]+))?(?:\.([0-9]+))?(-[0-9A-Za-z.-]+)?$/.exec(version.trim());
  if (!match) return undefined;
  const [, major, minor = "0", patch = "0", prerelease = ""] = match;
  const padded = `${major}.${minor}.${patch}${prerelease}`;
  return semver.valid(padded) === padded ? padded : undefined;
}

/** True for a platform version as info.xsd's `version` type allows it (`31`, `31.0`, `31.0.2`). */
export function isPlatformVersion(version: string): boolean {
  return PLATFORM_VERSION.test(version);
}

/**
 * The node-semver range meaning the same as info.xml's `<nextcloud min-version max-version>`:
 * `>=min <=max`. Partial versions keep their meaning on both sides, so no padding is done:
 * - min-version `31` is 31.0.0 (app store `pad_min_version`), and node-semver reads `>=31` as `>=31.0.0`;
 * - max-version `31` covers every 31.x.y (app store `pad_max_version` turns it into the
 *   exclusive 32.0.0), and node-semver reads `<=31` as `<32.0.0-0`; max-version `31.0` covers
 *   31.0.x (`<31.1.0-0`); only `31.0.0` means exactly 31.0.0.
 * So max-version "31" is NOT the same as a manifest's `<=31.0.0`, while min-version "31"
 * is the same as `>=31.0.0`.
 *
 * @param min `min-version`, e.g. `28`
 * @param max `max-version`, e.g. `31`; omitted for no upper bound
 */
export function nextcloudRange(min: string, max?: string): string {
  return max === undefined ? `>=${min}` : `>=${min} <=${max}`;
}

/**
 * True when two node-semver ranges admit exactly the same versions (each is a subset of
 * the other, `semver.subset`), e.g. `>=28 <=31` and `>=28.0.0 <32.0.0-0`. Invalid ranges are
 * never equal. node-semver compares `||` alternatives one by one, so `^28 || ^29` is not
 * recognised as `>=28 <=29`: write the manifest range as one interval, as info.xml has one.
 */
export function rangesMatch(a: string, b: string): boolean {
  if (semver.validRange(a) === null || semver.validRange(b) === null) return false;
  return semver.subset(a, b) && semver.subset(b, a);
}
