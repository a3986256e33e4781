import semver from "semver";
import type { AppShard, ShardVersion } from "../index/index-types.ts";
import type { DeliveryType, Suspension } from "../manifest/types.ts";
import { ClientError } from "../errors/client-error.ts";
import type { Platform } from "./parse-spec.ts";

/** What to resolve within one app. */
export interface ResolveRequest {
  /** Delivery type; undefined: the app's only delivery type (see {@link chooseDelivery}). */
  delivery?: DeliveryType;
  /** node-semver range; undefined: any (pre-releases only when there is no stable version). */
  range?: string;
  /** Platform versions the result must be compatible with, e.g. `{ kubernetes: "1.29.0" }`. */
  platform?: Partial<Record<Platform, string>>;
  /** Accept a suspended app or version when nothing released matches. */
  allowSuspended?: boolean;
}

/** The chosen version and why newer candidates were passed over. */
export interface Resolution {
  version: ShardVersion;
  skipped: { version: string; reason: string }[];
}

/**
 * Chooses the version to install: among the app's versions of the delivery type that
 * satisfy the range, the newest (semver precedence) that is compatible with every given
 * platform (a version that declares no range for a platform is taken as compatible) and
 * released. Suspended apps and versions are refused unless `allowSuspended`. Pre-releases
 * match only ranges that name them, or, with no range, when no stable version exists
 * (the rule of the index's `latest`). Pure.
 *
 * @throws ClientError `suspended` (the app, or the only matching versions), `no-match`
 *   (no such delivery type, nothing in range, nothing compatible), each saying what exists.
 */
export function resolveVersion(shard: AppShard, request: ResolveRequest): Resolution {
  const hint = "pass --allow-suspended to use it anyway, knowing the registry withdrew it";
  if (shard.status === "suspended" && !request.allowSuspended)
    throw new ClientError(
      "suspended",
      `${shard.id} is suspended: the registry withdrew the app${because(shard.suspension)}`,
      hint,
    );
  const delivery = chooseDelivery(shard, request.delivery);
  const ofType = shard.versions.filter((v) => v.delivery === delivery);
  if (ofType.length === 0) {
    const types = deliveryTypesOf(shard);
    throw new ClientError(
      "no-match",
      `${shard.id} has no ${delivery} versions; it has ${types.length ? types.join(", ") : "no versions"}`,
      types.length ? `pass --delivery ${types[0]}` : undefined,
    );
  }
  const inRange = matchRange(ofType, request.range);
  if (inRange.length === 0) {
    throw new ClientError(
      "no-match",
      `no ${delivery} version of ${shard.id} satisfies ${request.range}; there are ${ofType.map((v) => v.version).join(", ")}`,
    );
  }
  const skipped: Resolution["skipped"] = [];
  const compatible: ShardVersion[] = [];
  for (const v of inRange.sort((a, b) => semver.rcompare(a.version, b.version))) {
    const reason = incompatibility(v, request.platform ?? {});
    if (reason) skipped.push({ version: v.version, reason });
    else compatible.push(v);
  }
  if (compatible.length === 0)
    throw new ClientError(
      "no-match",
      `no ${delivery} version of ${shard.id} is compatible: ${skipped.map((s) => `${s.version} ${s.reason}`).join("; ")}`,
    );
  const released = compatible.find((v) => v.status === "released");
  for (const v of compatible) {
    if (v === released) break;
    skipped.push({ version: v.version, reason: "is suspended" });
  }
  if (released) return { version: released, skipped };
  const newest = compatible[0] as ShardVersion;
  if (!request.allowSuspended)
    throw new ClientError(
      "suspended",
      `${shard.id} ${newest.version} (${delivery}) is suspended: the registry withdrew it${because(newest.suspension)}, and no released version matches`,
      hint,
    );
  return { version: newest, skipped };
}

/** The admins' recorded reason, for a refusal: ` on <date> (pull request #<n>): <reason>`; nothing when the index has none. */
function because(suspension: Suspension | undefined): string {
  return suspension ? ` on ${suspension.date} (pull request #${suspension.pullRequest}): ${suspension.reason}` : "";
}

/**
 * The versions a request names: an exact version (build metadata included) is matched by
 * its text first, as identity is the exact string; otherwise by node-semver range.
 */
/** The delivery types an app has versions of, in the order of its shard. Pure. */
export function deliveryTypesOf(shard: Pick<AppShard, "versions">): DeliveryType[] {
  return [...new Set(shard.versions.map((v) => v.delivery))];
}

/**
 * The delivery type to resolve: the one asked for, else the app's only one (so
 * `appshelf pull notes` needs no `--delivery nextcloud`). Pure.
 *
 * @throws ClientError `usage` (exit 2) when none was asked for and the app has several;
 *   `no-match` when it has no versions at all.
 */
export function chooseDelivery(
  shard: Pick<AppShard, "id" | "versions">,
  asked: DeliveryType | undefined,
): DeliveryType {
  if (asked !== undefined) return asked;
  const types = deliveryTypesOf(shard);
  if (types.length === 1) return types[0] as DeliveryType;
  if (types.length === 0) throw new ClientError("no-match", `${shard.id} has no versions`);
  throw new ClientError(
    "usage",
    `${shard.id} has versions of ${types.length} delivery types (${types.join(", ")}): say which with --delivery`,
    `e.g. --delivery ${types[0]}`,
  );
}

function matchRange(versions: ShardVersion[], range: string | undefined): ShardVersion[] {
  const exact = range === undefined ? [] : versions.filter((v) => v.version === range);
  if (exact.length > 0) return exact;
  if (range !== undefined) return versions.filter((v) => semver.satisfies(v.version, range));
  const stable = versions.filter((v) => semver.prerelease(v.version) === null);
  return stable.length > 0 ? stable : [...versions];
}

function incompatibility(v: ShardVersion, platform: Partial<Record<Platform, string>>): string | undefined {
  for (const [name, version] of Object.entries(platform)) {
    const range = v.compatibility?.[name as Platform];
    if (range !== undefined && version !== undefined && !semver.satisfies(version, range, { includePrerelease: true }))
      return `needs ${name} ${range} (you have ${version})`;
  }
  return undefined;
}
