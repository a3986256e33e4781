/**
 * The version specs of the Nextcloud app store API (nextcloud/appstore
 * `nextcloudappstore/core/versioning.py`, documented in `docs/api/restapi.rst`):
 * - raw: the versions as info.xml writes them, `*`, `>=min`, `<=max` or `>=min <=max`;
 * - semantic: minimum padded with `.0` to three parts (`9` -> `9.0.0`), maximum made
 *   exclusive by raising its last written part (`9` -> `<10.0.0`, `9.1` -> `<9.2.0`,
 *   `9.1.2` -> `<9.1.3`): `*`, `>=9.0.0`, `<10.0.0` or `>=9.0.0 <10.0.0`.
 * (The store joins the two bounds with a comma internally and a space in the API.)
 */
export interface VersionSpecs {
  versionSpec: string;
  rawVersionSpec: string;
}

/** Pads a minimum version to three parts (`pad_min_version`); undefined stays `*`. */
export function padMinVersion(version: string | undefined): string {
  if (!version) return "*";
  const parts = version.split(".");
  while (parts.length < 3) parts.push("0");
  return parts.join(".");
}

/**
 * Turns an inclusive maximum into an exclusive semantic one (`pad_max_version`).
 *
 * @throws Error for a version with more than three parts or a non-numeric part
 */
export function padMaxVersion(version: string | undefined): string {
  if (!version) return "*";
  const parts = version.split(".").map((part) => {
    if (!/^\d+$/.test(part)) throw new Error(`cannot read version '${version}'`);
    return Number(part);
  });
  if (parts.length > 3) throw new Error(`cannot read version '${version}'`);
  const last = parts.length - 1;
  parts[last] = (parts[last] ?? 0) + 1;
  while (parts.length < 3) parts.push(0);
  return parts.join(".");
}

/** Both specs of a min/max pair from info.xml (either may be missing). */
export function versionSpecs(min: string | undefined, max: string | undefined): VersionSpecs {
  const rawMin = min || "*";
  const rawMax = max || "*";
  return { versionSpec: join(padMinVersion(min), padMaxVersion(max), "<"), rawVersionSpec: join(rawMin, rawMax, "<=") };
}

function join(min: string, max: string, maxOperator: "<" | "<="): string {
  if (min === "*" && max === "*") return "*";
  if (max === "*") return `>=${min}`;
  if (min === "*") return `${maxOperator}${max}`;
  return `>=${min} ${maxOperator}${max}`;
}
