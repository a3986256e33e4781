import semver from "semver";

/**
 * True when `text` is a SemVer 2.0.0 version written exactly as the specification writes
 * it: `MAJOR.MINOR.PATCH`, an optional `-pre.release` and an optional `+build.metadata`
 * (semver.org, items 2, 9 and 10), without a `v` prefix, spaces or leading zeros.
 * node-semver's `valid()` drops build metadata, so comparing its result with the text
 * would refuse `199.44.12345-Alpha.1+cafe009`; here the build is compared too.
 * Precedence (which ignores build metadata) is for ordering; identity is this exact text.
 */
export function isExactSemver(text: string): boolean {
  const parsed = semver.parse(text);
  if (!parsed) return false;
  const build = parsed.build.length > 0 ? `+${parsed.build.join(".")}` : "";
  return `${parsed.version}${build}` === text;
}
