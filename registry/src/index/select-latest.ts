import semver from "semver";
import { DELIVERY_TYPES, type DeliveryType, type VersionManifest } from "../manifest/types.ts";
import type { LatestVersion } from "./index-types.ts";

/**
 * Latest released version per delivery type: the highest stable version by semver
 * precedence, or the highest pre-release when a delivery type has no stable release.
 * Suspended versions are never latest; a delivery type whose versions are all suspended
 * has no entry.
 */
export function selectLatest(versions: readonly VersionManifest[]): Partial<Record<DeliveryType, LatestVersion>> {
  const latest: Partial<Record<DeliveryType, LatestVersion>> = {};
  for (const delivery of DELIVERY_TYPES) {
    const released = versions.filter((v) => v.delivery === delivery && v.status === "released");
    const stable = released.filter((v) => semver.prerelease(v.version) === null);
    const pool = stable.length > 0 ? stable : released;
    const best = pool.reduce<VersionManifest | undefined>(
      (top, v) => (!top || semver.gt(v.version, top.version) ? v : top),
      undefined,
    );
    if (best)
      latest[delivery] = {
        version: best.version,
        ...(best.appVersion ? { appVersion: best.appVersion } : {}),
        released: best.released,
      };
  }
  return latest;
}

/** Versions ordered for a shard: by delivery type (helm, nextcloud, compose, vm), newest first within each. */
export function sortVersions<T extends Pick<VersionManifest, "delivery" | "version">>(versions: readonly T[]): T[] {
  return [...versions].sort(
    (a, b) =>
      DELIVERY_TYPES.indexOf(a.delivery) - DELIVERY_TYPES.indexOf(b.delivery) || semver.rcompare(a.version, b.version),
  );
}
