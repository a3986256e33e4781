import type { NextcloudMetadata } from "../artifact/inspect/inspect-types.ts";
import type { InfoXml } from "../artifact/inspect/nextcloud/info-xml.ts";
import { byLanguage } from "../artifact/inspect/nextcloud/build-metadata.ts";
import type { AppManifest, Translated, VersionManifest } from "../manifest/types.ts";
import { changelogSection } from "./changelog-section.ts";
import { mapNextcloudCategories } from "./nextcloud-categories.ts";
import { manifestText } from "./plan-helm-import.ts";

/** Licence ids of the app store (after pre-info.xslt) as SPDX ids. */
const SPDX_OF: Record<string, string> = { agpl: "AGPL-3.0-or-later", gpl3: "GPL-3.0-or-later" };

/** What the importer read from one release archive, and what the caller adds. */
export interface NextcloudImportInput {
  /** Parsed info.xml (it passed the app store's XSLT + XSD and the rules). */
  info: InfoXml;
  /** The store's reading of it (aliases mapped, `tools` default, summary fallback). */
  metadata: NextcloudMetadata;
  /** `<id>/CHANGELOG.md`, when the archive has one. */
  changelog?: string;
  /** Where runtimes download these exact bytes, their sha256 and size; `source` only as provenance. */
  artifact: { url: string; sha256: string; size: number; source?: string };
  /** Release signature (base64 RSA SHA-512 over the archive). */
  signature?: string;
  /** For a new app: GitHub logins; publisher id (its record must exist under .github/appshelf/publishers/). */
  maintainers: string[];
  publisher?: string;
  /** Code-signing certificate (PEM), for a new app. */
  certificate?: string;
  /** What exists already under apps/<id>/. */
  existing: { app: boolean; versions: ReadonlySet<string> };
  /** Release date when CHANGELOG.md has none, YYYY-MM-DD (the caller's clock). */
  today: string;
}

/** Files to write (repo-relative path -> YAML) and what was left as it was. */
export interface NextcloudImportPlan {
  appId: string;
  version: string;
  files: Map<string, string>;
  /** True when the version file exists already (re-running adds only new versions). */
  present: boolean;
}

/**
 * Plans `apps/<id>/app.yaml` (for a new app) and `apps/<id>/versions/nextcloud/<version>.yaml`
 * from a release's info.xml, so a publisher types nothing twice. Pure. Mapped as follows:
 * names, summaries and descriptions in every language of info.xml (`lang` kept, none = en);
 * categories through {@link mapNextcloudCategories}; licences to SPDX (`agpl` ->
 * AGPL-3.0-or-later; several = `OR`); the publisher is the id given;
 * screenshots; links from `<website>`, `<repository>`, `<bugs>`, `<documentation>`; the
 * Nextcloud and PHP ranges as info.xml writes them (`>=33 <=35`); the changelog and
 * release date from the version's CHANGELOG.md section.
 */
export function planNextcloudImport(input: NextcloudImportInput): NextcloudImportPlan {
  const { info, metadata } = input;
  const appId = metadata.id;
  const version = metadata.version;
  const files = new Map<string, string>();
  if (!input.existing.app) files.set(`apps/${appId}/app.yaml`, appYaml(input));
  const present = input.existing.versions.has(version);
  if (!present) files.set(`apps/${appId}/versions/nextcloud/${version}.yaml`, versionYaml(input));
  void info;
  return { appId, version, files, present };
}

function appYaml(input: NextcloudImportInput): string {
  const { info, metadata } = input;
  const description = byLanguage(info.descriptions.map((d) => ({ ...d, text: d.text.trim() }))) ?? metadata.summary;
  const links = {
    website: httpsOr(metadata.website),
    repository: httpsOr(metadata.repository),
    bugs: httpsOr(metadata.bugs),
    documentation: httpsOr(info.documentation?.user ?? info.documentation?.admin ?? info.documentation?.developer),
  };
  const app: Partial<AppManifest> = {
    id: metadata.id,
    name: languageTagged(metadata.name),
    summary: languageTagged(metadata.summary),
    description: languageTagged(description),
    categories: mapNextcloudCategories(metadata.categories),
    license: [...new Set(metadata.licences.map((l) => SPDX_OF[l] ?? l))].join(" OR "),
    publisher: input.publisher ?? "",
    maintainers: input.maintainers,
    links: Object.fromEntries(Object.entries(links).filter(([, v]) => v !== undefined)),
    ...(info.screenshots.length > 0
      ? {
          screenshots: info.screenshots
            .filter((s) => s.url.startsWith("https://"))
            .slice(0, 10)
            .map((s) => ({ url: s.url })),
        }
      : {}),
    status: "active",
    ...(input.certificate ? { nextcloud: { certificate: `${input.certificate.trim()}\n` } } : {}),
  };
  return manifestText(
    "../../schema/app.schema.json",
    app,
    "Imported from appinfo/info.xml by 'appshelf import nextcloud'.",
  );
}

function versionYaml(input: NextcloudImportInput): string {
  const { metadata } = input;
  const section = input.changelog === undefined ? undefined : changelogSection(input.changelog, metadata.version);
  const range = (r: { min?: string; max?: string } | undefined) =>
    r === undefined || (r.min === undefined && r.max === undefined)
      ? undefined
      : [r.min && `>=${r.min}`, r.max && `<=${r.max}`].filter(Boolean).join(" ");
  const nextcloud = range(metadata.nextcloud);
  const php = range(metadata.php);
  const version: Partial<VersionManifest> & { artifact: VersionManifest["artifact"] & { source?: string } } = {
    version: metadata.version,
    delivery: "nextcloud",
    artifact: {
      url: input.artifact.url,
      sha256: input.artifact.sha256,
      size: input.artifact.size,
      ...(input.artifact.source ? { source: input.artifact.source } : {}),
    },
    ...(nextcloud || php ? { compatibility: { ...(nextcloud ? { nextcloud } : {}), ...(php ? { php } : {}) } } : {}),
    ...(section?.text ? { changelog: { en: section.text } } : {}),
    ...(input.signature ? { signature: input.signature.replace(/\s+/g, "") } : {}),
    status: "released",
    released: section?.date ?? input.today,
  };
  return manifestText(
    "../../../../schema/version.schema.json",
    version,
    `Imported from the ${metadata.id} ${metadata.version} release archive (appinfo/info.xml, CHANGELOG.md).`,
  );
}

function httpsOr(url: string | undefined): string | undefined {
  return url !== undefined && /^https:\/\/[^\s]+$/.test(url) ? url : undefined;
}

/**
 * Texts keyed by BCP 47 tags as app.yaml wants them: info.xml's `pt_BR` or `pt-br` becomes
 * `pt-BR`; a tag that still is not a language tag is dropped (English always stays).
 */
function languageTagged(texts: Translated): Translated {
  const out: Record<string, string> = {};
  for (const [tag, text] of Object.entries(texts)) {
    const [language = "", ...rest] = tag.split(/[-_]/);
    const region = rest.map((p) => (p.length === 4 ? p[0]?.toUpperCase() + p.slice(1).toLowerCase() : p.toUpperCase()));
    const bcp47 = [language.toLowerCase(), ...region].join("-");
    if (
      typeof text === "string" &&
      /^[a-z]{2,3}(-[A-Z][a-z]{3})?(-([A-Z]{2}|[0-9]{3}))?$/.test(bcp47) &&
      !Object.hasOwn(out, bcp47)
    )
      out[bcp47] = text;
  }
  return out as Translated;
}
