import semver from "semver";
import { error } from "../../report/diagnostic.ts";
import { isExactSemver } from "../../manifest/semver-text.ts";
import type { AppRule } from "./facts.ts";

/**
 * `version/semver`: the version is a semantic version exactly as SemVer 2.0.0 writes it
 * (no `v` prefix, no spaces), pre-release and build metadata included (`isExactSemver`).
 */
export const versionSemver: AppRule = ({ versions }) =>
  versions.flatMap(({ parsed, data }) => {
    if (data.version === undefined || isExactSemver(data.version)) return [];
    const coerced = semver.valid(semver.clean(data.version) ?? "");
    return [
      error(
        "version/semver",
        parsed.file,
        parsed.locate(["version"]),
        `version '${data.version}' is not a semantic version (MAJOR.MINOR.PATCH, semver 2.0.0)`,
        coerced ? `write '${coerced}'` : "e.g. 1.4.0 or 2.0.0-rc.1",
      ),
    ];
  });

/**
 * `version/duplicate`: no two versions of one delivery type are the same version by
 * semver precedence (e.g. `1.0.0` and `1.0.0+build.5`, which semver says are equal).
 */
export const versionDuplicates: AppRule = ({ versions }) => {
  const seen = new Map<string, string>();
  return versions.flatMap(({ parsed, data }) => {
    const parsedVersion = semver.parse(data.version);
    if (!parsedVersion || data.delivery === undefined) return [];
    const key = `${data.delivery}\u0000${parsedVersion.version}`;
    const first = seen.get(key);
    if (first === undefined) {
      seen.set(key, parsed.file);
      return [];
    }
    return [
      error(
        "version/duplicate",
        parsed.file,
        parsed.locate(["version"]),
        `version ${parsedVersion.raw} of delivery ${data.delivery} is already declared in ${first}`,
      ),
    ];
  });
};

/** `version/compatibility-range`: every compatibility entry is a valid node-semver range. */
export const versionCompatibilityRanges: AppRule = ({ versions }) =>
  versions.flatMap(({ parsed, data }) =>
    Object.entries(data.compatibility ?? {}).flatMap(([platform, range]) =>
      semver.validRange(range) === null
        ? [
            error(
              "version/compatibility-range",
              parsed.file,
              parsed.locate(["compatibility", platform]),
              `compatibility.${platform} '${range}' is not a version range`,
              "use node-semver range syntax, e.g. '>=1.23.0-0' or '>=28 <=31'",
            ),
          ]
        : [],
    ),
  );
