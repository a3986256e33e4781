import { error } from "../../../report/diagnostic.ts";
import { normaliseCategory } from "./app-store-aliases.ts";
import type { InfoRule } from "./info-rule.ts";
import type { LocalisedText } from "./info-xml.ts";
import { locateElement } from "./locate-in-xml.ts";

/** True for an English entry: `lang="en"` or no `lang` (info.xsd `l10n-text`: `lang` defaults to `en`). */
export function isEnglish(entry: LocalisedText): boolean {
  return entry.lang === undefined || entry.lang === "en";
}

/**
 * `nextcloud/text-en`: `<name>`, `<summary>` and `<description>` each have an English entry
 * (app store parser.py `validate_english_present`). A missing `<summary>` passes, as the app
 * store's pre-info.xslt fills it from the first `<description>`.
 */
export const checkTextEnglish: InfoRule = (info, { file, source }) => {
  const fields = [
    ["name", info.names],
    ["summary", info.summaries],
    ["description", info.descriptions],
  ] as const;
  return fields.flatMap(([element, entries]) => {
    if (element === "summary" && entries.length === 0) return [];
    if (entries.some(isEnglish)) return [];
    const at = locateElement(source, element) ?? locateElement(source, "info");
    const message =
      entries.length === 0
        ? `info.xml has no <${element}>`
        : `<${element}> has no English entry (lang="en" or no lang attribute)`;
    return [
      error(
        "nextcloud/text-en",
        file,
        at,
        message,
        `add <${element}>…</${element}> in English; translations go in further <${element} lang="…"> elements`,
      ),
    ];
  });
};

/**
 * `nextcloud/category`: every `<category>` (legacy `auth` read as `security`, as pre-info.xslt
 * does) is one of Nextcloud's categories, the enumeration of info.xsd's `category` type.
 * Skipped when info.xsd is not available (reported as `nextcloud/schema-unavailable`).
 */
export const checkCategories: InfoRule = (info, { file, source, categories }) => {
  if (categories === undefined) return [];
  return info.categories
    .filter((category) => !categories.includes(normaliseCategory(category)))
    .map((category) =>
      error(
        "nextcloud/category",
        file,
        locateElement(source, "category", category),
        `<category> '${category}' is not a Nextcloud category`,
        `use one of: ${categories.join(", ")}`,
      ),
    );
};

/**
 * `nextcloud/screenshot-https`: screenshot URLs and their `small-thumbnail`s are HTTPS
 * (info.xsd `secure-url`: `https://.+`), so the catalog never loads mixed content.
 */
export const checkScreenshotsHttps: InfoRule = (info, { file, source }) =>
  info.screenshots.flatMap((shot) =>
    [shot.url, shot.smallThumbnail]
      .filter((url): url is string => url !== undefined && !isHttps(url))
      .map((url) =>
        error(
          "nextcloud/screenshot-https",
          file,
          locateElement(source, "screenshot", url),
          `screenshot URL '${url}' is not HTTPS`,
          "serve screenshots over https://",
        ),
      ),
  );

function isHttps(url: string): boolean {
  if (!url.startsWith("https://")) return false;
  try {
    return new URL(url).hostname !== "";
  } catch {
    return false;
  }
}
