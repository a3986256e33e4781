import semver from "semver";
import type { ArtifactMetadata, NextcloudMetadata } from "../../artifact/inspect/inspect-types.ts";
import { versionKey, type AppManifest, type Translated, type VersionManifest } from "../../manifest/types.ts";
import type { ApiApp, ApiDependency, ApiRelease, NextcloudApiShare } from "./api-types.ts";
import { versionSpecs } from "./version-spec.ts";

/** A version of the app with the artifact URL the shard publishes (absolute, or relative to the registry root). */
export interface ApiVersionInput {
  version: VersionManifest;
  url: string;
}

/**
 * An app's entry of the Nextcloud app store API (see `api-types.ts`), or undefined when it
 * has no Nextcloud version. A release is listed only when the app is active, the version
 * released, signed (`signature` in the version, `nextcloud.certificate` in app.yaml: both
 * verified by validation, which stops the build on any signing error) and inspected (its
 * info.xml read); every other Nextcloud version is in `omitted`, with the reason. Pure.
 *
 * - `translations` from app.yaml's name, summary and description in every language;
 *   `categories`, `authors`, version specs, databases and PHP extensions from info.xml;
 * - docs: `userDocs`/`adminDocs`/`developerDocs` from info.xml `<documentation>` (else
 *   app.yaml's `links.documentation` as user docs), `issueTracker` and `website` from
 *   info.xml, else app.yaml's links;
 * - `created`/`lastModified`: release dates at 00:00 UTC (deterministic);
 * - ratings: the store's values for an app nobody has rated (0.5, 0 votes): Appshelf
 *   publishes no ratings here.
 */
export function nextcloudApiApp(
  app: AppManifest,
  versions: readonly ApiVersionInput[],
  metadata: ReadonlyMap<string, ArtifactMetadata>,
): NextcloudApiShare | undefined {
  const nextcloud = versions.filter((v) => v.version.delivery === "nextcloud");
  if (nextcloud.length === 0) return undefined;
  const omitted: NextcloudApiShare["omitted"] = [];
  const releases: { release: ApiRelease; info: NextcloudMetadata }[] = [];
  for (const { version, url } of [...nextcloud].sort((a, b) => semver.rcompare(a.version.version, b.version.version))) {
    const meta = metadata.get(versionKey(version));
    const info = meta && "nextcloud" in meta ? meta.nextcloud : undefined;
    const why =
      app.status !== "active"
        ? `the app is ${app.status}`
        : version.status !== "released"
          ? `the version is ${version.status}`
          : version.signature === undefined || app.nextcloud?.certificate === undefined
            ? "unsigned (Nextcloud servers install signed releases only)"
            : !info
              ? "its archive was not inspected"
              : undefined;
    if (why !== undefined || !info) {
      omitted.push({ version: version.version, reason: why ?? "not inspected" });
      continue;
    }
    releases.push({ release: apiRelease(version, url, info), info });
  }
  const newest = releases[0]?.info;
  const dates = releases.map((r) => r.release.created).sort();
  const links = app.links ?? {};
  const entry: ApiApp = {
    id: app.id,
    categories: newest?.categories ?? [],
    userDocs: newest?.docs?.user ?? links.documentation ?? "",
    adminDocs: newest?.docs?.admin ?? "",
    developerDocs: newest?.docs?.developer ?? "",
    issueTracker: newest?.bugs ?? links.bugs ?? "",
    website: newest?.website ?? links.website ?? "",
    discussion: "",
    created: dates[0] ?? "",
    lastModified: dates.at(-1) ?? "",
    ratingRecent: 0.5,
    ratingOverall: 0.5,
    ratingNumRecent: 0,
    ratingNumOverall: 0,
    authors: (newest?.authors ?? []).map((a) => ({ name: a.name, mail: a.mail ?? "", homepage: a.homepage ?? "" })),
    releases: releases.map((r) => r.release),
    screenshots: (app.screenshots ?? []).map((s) => ({ url: s.url, smallThumbnail: "" })),
    translations: appTranslations(app),
    isFeatured: false,
    certificate: (app.nextcloud?.certificate ?? "").trim(),
  };
  return { app: entry, omitted };
}

function apiRelease(version: VersionManifest, url: string, info: NextcloudMetadata): ApiRelease {
  const platform = versionSpecs(info.nextcloud.min, info.nextcloud.max);
  const php = versionSpecs(info.php?.min, info.php?.max);
  const created = `${version.released}T00:00:00.000000Z`;
  return {
    version: version.version,
    phpExtensions: (info.phpExtensions ?? []).map(dependency),
    databases: (info.databases ?? []).map(dependency),
    shellCommands: [],
    phpVersionSpec: php.versionSpec,
    platformVersionSpec: platform.versionSpec,
    rawPhpVersionSpec: php.rawVersionSpec,
    rawPlatformVersionSpec: platform.rawVersionSpec,
    minIntSize: 32,
    isNightly: false,
    download: url,
    created,
    licenses: info.licences,
    lastModified: created,
    signature: (version.signature ?? "").replace(/\s+/g, ""),
    signatureDigest: "sha512",
    translations: Object.fromEntries(
      Object.entries(version.changelog ?? { en: "" }).map(([lang, changelog]) => [
        lang,
        { changelog: changelog ?? "" },
      ]),
    ),
  };
}

function dependency(d: { id: string; min?: string; max?: string }): ApiDependency {
  const specs = versionSpecs(d.min, d.max);
  return { id: d.id, ...specs };
}

function appTranslations(app: AppManifest): ApiApp["translations"] {
  const pick = (texts: Translated, lang: string) => (texts as Record<string, string | undefined>)[lang] ?? texts.en;
  const langs = [...new Set(Object.keys(app.name))];
  return Object.fromEntries(
    langs.map((lang) => [
      lang,
      { name: pick(app.name, lang), summary: pick(app.summary, lang), description: pick(app.description, lang) },
    ]),
  );
}
