import semver from "semver";
import type { Compatibility } from "../manifest/types.ts";
import { UsageError } from "../errors/appshelf-error.ts";

/** Platforms a version can declare compatibility with (schema/common.schema.json#/$defs/compatibility). */
export const PLATFORMS = ["kubernetes", "helm", "nextcloud", "php", "compose", "openpitrix"] as const;

/** A platform name. */
export type Platform = (typeof PLATFORMS)[number];

/** `app@range` split: the app id and a node-semver range (undefined: any version). */
export interface AppSpec {
  id: string;
  range?: string;
}

/**
 * Parses `app`, `app@1.19.1`, `app@^1.19` or `app@">=1 <2"`. Pure.
 *
 * @throws UsageError when the id is empty or the range is not a valid node-semver range.
 */
export function parseAppSpec(spec: string): AppSpec {
  const at = spec.indexOf("@");
  const id = at < 0 ? spec : spec.slice(0, at);
  if (!/^[a-z0-9][a-z0-9_-]{1,63}$/.test(id))
    throw new UsageError(`'${id}' is not an app id (lowercase letters, digits, - and _, 2-64 characters)`);
  if (at < 0) return { id };
  const range = spec.slice(at + 1).trim();
  if (range === "" || semver.validRange(range) === null)
    throw new UsageError(
      `'${range}' in '${spec}' is not a version or node-semver range (e.g. 1.19.1, ^1.19, ">=1 <2")`,
    );
  return { id, range };
}

/**
 * Parses `--platform` values such as `kubernetes=1.29` or `nextcloud=30` into platform
 * versions (coerced to full semver: 1.29 -> 1.29.0). Pure.
 *
 * @throws UsageError naming an unknown platform or a version that is not a version.
 */
export function parsePlatforms(values: readonly string[]): Partial<Record<Platform, string>> {
  const platforms: Partial<Record<Platform, string>> = {};
  for (const value of values) {
    const [name = "", version = ""] = value.split("=", 2);
    if (!(PLATFORMS as readonly string[]).includes(name))
      throw new UsageError(`unknown platform '${name}' in --platform ${value}; use one of ${PLATFORMS.join(", ")}`);
    const coerced = semver.coerce(version);
    if (!coerced || !/^\d/.test(version))
      throw new UsageError(`'${version}' in --platform ${value} is not a version (e.g. ${name}=1.29)`);
    platforms[name as keyof Compatibility] = coerced.version;
  }
  return platforms;
}
