/** A translatable text of info.xml: `<name lang="de">…</name>`; no `lang` means English. */
export interface LocalisedText {
  /** The `lang` attribute as written (info.xsd `l10n-code`, default `en`); undefined when absent. */
  lang?: string;
  text: string;
}

/**
 * The parts of `appinfo/info.xml` Appshelf checks and shows (Nextcloud info.xsd), as
 * written: no alias mapping, no padding. Repeated elements are lists in document order;
 * a missing element is undefined or an empty list.
 */
export interface InfoXml {
  id?: string;
  names: LocalisedText[];
  summaries: LocalisedText[];
  descriptions: LocalisedText[];
  version?: string;
  licences: string[];
  authors: { name: string; mail?: string; homepage?: string }[];
  categories: string[];
  /** `<screenshot small-thumbnail="…">url</screenshot>`. */
  screenshots: { url: string; smallThumbnail?: string }[];
  website?: string;
  bugs?: string;
  repository?: string;
  /** `<dependencies><nextcloud min-version max-version/>`; undefined when the element is missing. */
  nextcloud?: { min?: string; max?: string };
  /** `<dependencies><php min-version max-version/>`. */
  php?: { min?: string; max?: string };
  /** `<documentation><user|admin|developer>` URLs. */
  documentation?: { user?: string; admin?: string; developer?: string };
  /** `<dependencies><database min-version max-version>sqlite|mysql|pgsql</database>`. */
  databases?: { id: string; min?: string; max?: string }[];
  /** `<dependencies><lib min-version max-version>extension</lib>` (PHP extensions). */
  libs?: { id: string; min?: string; max?: string }[];
}
