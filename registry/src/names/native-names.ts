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
 * What a native name is read from inside an artifact: the fields of the inspection's
 * metadata that name it (Helm Chart.yaml `name`, Nextcloud info.xml `id`, Compose `name`).
 * Every `ArtifactMetadata` is one; so is what `names/artifact-names.ts` reads alone.
 */
export type ArtifactNames =
  | { helm: { chart: string } }
  | { nextcloud: { id: string } }
  | { compose: { project?: string | undefined } }
  | { vm: unknown };

/**
 * The native name one version claims, or none for a delivery without one (vm):
 * - helm: the chart name (`helm install <repo>/<chart>` resolves it in the Helm index):
 *   the archive's Chart.yaml name when inspected, else the version's `chart`, else the app id;
 * - nextcloud: the app id in info.xml (the Nextcloud app store's key), else the app id;
 * - compose: the project name the Compose file sets (`name:`), else the app id.
 * Pure. The source of truth for rules `index/name-taken` and `pr/name-taken`.
 */
export function nativeNameOf(
  app: string,
  v: Pick<VersionManifest, "delivery" | "chart">,
  meta: ArtifactNames | undefined,
): { kind: NameKind; name: string } | undefined {
  const kind = KIND_OF[v.delivery];
  if (!kind) return undefined;
  const name =
    v.delivery === "helm"
      ? ((meta && "helm" in meta ? meta.helm.chart : undefined) ?? v.chart ?? app)
      : v.delivery === "nextcloud"
        ? ((meta && "nextcloud" in meta ? meta.nextcloud.id : undefined) ?? app)
        : ((meta && "compose" in meta ? meta.compose.project : undefined) ?? app);
  return { kind, name };
}

/**
 * The native names an app's versions claim (source of truth for rules `index/name-taken`
 * and `pr/name-taken`): {@link nativeNameOf} of each version, with the metadata its
 * artifact's inspection read (keyed by {@link versionKey}). Pure; one entry per kind and
 * name, the first version file claiming it.
 */
export function nativeNamesOf(
  app: string,
  versions: readonly VersionManifest[],
  metadata: ReadonlyMap<string, ArtifactNames> | undefined,
  fileOf: (v: VersionManifest) => string,
): NativeName[] {
  const names = new Map<string, NativeName>();
  for (const v of versions) {
    const named = nativeNameOf(app, v, metadata?.get(versionKey(v)));
    const key = named && `${named.kind}\u0000${named.name}`;
    if (named && key && !names.has(key)) names.set(key, { ...named, app, file: fileOf(v) });
  }
  return [...names.values()];
}

/**
 * The names each version holds against other apps, version by version (in the order
 * given; what `names.json` publishes and what check-pr reads at the merge base): its
 * {@link nativeNameOf} with the names its artifact gives (`metadata`, keyed by
 * {@link versionKey}) and as its manifest declares them (without): both are refused to other
 * apps, so a check holds a manifest's declared name even where no artifact was read.
 * Equal whenever the artifact passed inspection (`helm/chart-name-mismatch`,
 * `nextcloud/top-folder`); a Compose project adds the app id, which every app holds anyway. Pure.
 */
export function versionNamesOf(
  app: string,
  versions: readonly VersionManifest[],
  metadata: ReadonlyMap<string, ArtifactNames> | undefined,
  fileOf: (v: VersionManifest) => string,
): NativeName[] {
  return versions.flatMap((v) =>
    heldNamesOf(app, v, [metadata?.get(versionKey(v))]).map((n) => ({ ...n, app, file: fileOf(v) })),
  );
}

/**
 * {@link nativeNameOf} of one version as declared and with each of `read` (names read from
 * its artifact), without repeats: the names it holds against other apps. Pure.
 */
export function heldNamesOf(
  app: string,
  v: Pick<VersionManifest, "delivery" | "chart">,
  read: readonly (ArtifactNames | undefined)[],
): { kind: NameKind; name: string }[] {
  const names = new Map<string, { kind: NameKind; name: string }>();
  for (const meta of [...read, undefined]) {
    const named = nativeNameOf(app, v, meta);
    if (named) names.set(`${named.kind}\u0000${named.name}`, named);
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
