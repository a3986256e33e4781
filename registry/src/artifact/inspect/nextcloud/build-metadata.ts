import type { Translated } from "../../../manifest/types.ts";
import type { NextcloudMetadata } from "../inspect-types.ts";
import { normaliseCategories, normaliseLicence } from "./app-store-aliases.ts";
import type { InfoXml, LocalisedText } from "./info-xml.ts";
import { isEnglish } from "./rules-listing.ts";

/**
 * The shard metadata of a Nextcloud release, from its info.xml (Nextcloud info.xsd), as the
 * app store would show it: licence aliases and the `auth` category mapped, `tools` when no
 * category is given, a missing `<summary>` taken from the first `<description>` (all as
 * pre-info.xslt does). Texts by language: no `lang` or `lang="en"` -> `en`; other `lang`
 * values keep their tag (`de`, `pt-br`); the first entry per language wins.
 *
 * @param info a parsed info.xml that passed the rules (English name and description, a
 *   `<nextcloud min-version>`)
 * @returns undefined when the parts the metadata needs are missing
 */
export function buildMetadata(info: InfoXml): NextcloudMetadata | undefined {
  const firstDescription = info.descriptions[0];
  const summaries =
    info.summaries.length > 0 ? info.summaries : firstDescription ? [{ text: firstDescription.text }] : [];
  const name = byLanguage(info.names);
  const summary = byLanguage(summaries);
  const min = info.nextcloud?.min;
  if (info.id === undefined || info.version === undefined || !name || !summary || min === undefined) return undefined;
  const metadata: NextcloudMetadata = {
    id: info.id,
    name,
    summary,
    version: info.version,
    licences: info.licences.map(normaliseLicence),
    authors: info.authors,
    categories: normaliseCategories(info.categories),
    screenshots: info.screenshots.map((shot) => shot.url),
    nextcloud: info.nextcloud?.max === undefined ? { min } : { min, max: info.nextcloud.max },
  };
  if (info.website !== undefined) metadata.website = info.website;
  if (info.bugs !== undefined) metadata.bugs = info.bugs;
  if (info.repository !== undefined) metadata.repository = info.repository;
  if (info.php !== undefined) metadata.php = info.php;
  if (info.documentation !== undefined && Object.keys(info.documentation).length > 0)
    metadata.docs = info.documentation;
  if (info.databases?.length) metadata.databases = info.databases;
  if (info.libs?.length) metadata.phpExtensions = info.libs;
  return metadata;
}

/** info.xml texts by language: English as `en` first, then each other `lang` once; undefined without English. */
export function byLanguage(entries: readonly LocalisedText[]): Translated | undefined {
  const english = entries.find(isEnglish);
  if (!english) return undefined;
  const texts: Record<string, string> = { en: english.text };
  for (const entry of entries) {
    const tag = isEnglish(entry) ? "en" : (entry.lang ?? "en");
    if (!Object.hasOwn(texts, tag)) texts[tag] = entry.text;
  }
  return texts as Translated;
}
