import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { versionKey, type DeliveryType, type VersionManifest } from "../manifest/types.ts";

/** A name a native client resolves, and so one app alone may hold. */
export type NameKind = "helm chart" | "Nextcloud app id" | "Compose project";

/** One name an app claims, and which version file claims it. */
export interface NativeName {
  kind: NameKind;
  name: string;
  app: string;
  /** Repo path of the version file that claims it. */
  file: string;
}

const KIND_OF: Partial<Record<DeliveryType, NameKind>> = {
  helm: "helm chart",
  nextcloud: "Nextcloud app id",
  compose: "Compose project",
};

/**
 * The native names an app's versions claim (source of truth for rules `index/name-taken`
 * and `pr/name-taken`):
 * - helm: the chart name (`helm install <repo>/<chart>` resolves it in the Helm index):
 *   the archive's Chart.yaml name when inspected, else the version's `chart`, else the app id;
 * - nextcloud: the app id in info.xml (the Nextcloud app store's key), else the app id;
 * - compose: the project name the Compose file sets (`name:`), else the app id.
 * Pure; one entry per kind and name, the first version file claiming it.
 */
export function nativeNamesOf(
  app: string,
  versions: readonly VersionManifest[],
  metadata: ReadonlyMap<string, ArtifactMetadata> | undefined,
  fileOf: (v: VersionManifest) => string,
): NativeName[] {
  const names = new Map<string, NativeName>();
  for (const v of versions) {
    const kind = KIND_OF[v.delivery];
    if (!kind) continue;
    const meta = metadata?.get(versionKey(v));
    const name =
      v.delivery === "helm"
        ? ((meta && "helm" in meta ? meta.helm.chart : undefined) ?? v.chart ?? app)
        : v.delivery === "nextcloud"
          ? ((meta && "nextcloud" in meta ? meta.nextcloud.id : undefined) ?? app)
          : ((meta && "compose" in meta ? meta.compose.project : undefined) ?? app);
    const key = `${kind}\u0000${name}`;
    if (!names.has(key)) names.set(key, { kind, name, app, file: fileOf(v) });
  }
  return [...names.values()];
}

/**
 * Who owns each contested name among several apps' claims: the app whose id is the name,
 * else the first claimant by app id. Returns the claims of everybody else (each a refusal
 * naming the owner). Pure.
 */
export function duplicateNames(claims: readonly NativeName[]): { claim: NativeName; owner: string }[] {
  const byName = new Map<string, NativeName[]>();
  for (const c of claims)
    byName.set(`${c.kind}\u0000${c.name}`, [...(byName.get(`${c.kind}\u0000${c.name}`) ?? []), c]);
  return [...byName.values()].flatMap((list) => {
    const apps = [...new Set(list.map((c) => c.app))].sort();
    if (apps.length < 2) return [];
    const owner = apps.find((a) => a === list[0]?.name) ?? apps[0] ?? "";
    return list.filter((c) => c.app !== owner).map((claim) => ({ claim, owner }));
  });
}
