import en from "../i18n/en.json";
import zhCN from "../i18n/zh-CN.json";
import type { LanguageTag, Translated } from "./types.ts";

export type UiKey = keyof typeof en;
type UiStrings = Record<UiKey, string>;

const strings: Record<string, Partial<UiStrings>> = { en, "zh-CN": zhCN };

export const DEFAULT_LANG: LanguageTag = "en";
/** Every interface language; each has its own URLs (English at the root, others under /<tag>/). */
export const UI_LANGS: readonly LanguageTag[] = Object.keys(strings);
/** The languages with a URL prefix. */
export const PREFIXED_LANGS: readonly LanguageTag[] = UI_LANGS.filter((lang) => lang !== DEFAULT_LANG);
/** Each language's name in itself, for the language switch. */
export const LANG_NAMES: Readonly<Record<LanguageTag, string>> = { en: "English", "zh-CN": "简体中文" };

/** Picks the text for a language from translated data, falling back to English. */
export function pick(translated: Translated, lang: LanguageTag = DEFAULT_LANG): string {
  return translated[lang] ?? translated.en;
}

/** The language a translated text is shown in: `lang` when the data has it, else English. */
export function pickedLang(translated: Translated, lang: LanguageTag): LanguageTag {
  return translated[lang] === undefined ? DEFAULT_LANG : lang;
}

/** A UI string holding {count}, using its ".one" form when the language's plural rules say so. */
export function tCount(key: UiKey, lang: LanguageTag, count: number): string {
  const oneKey = `${key}.one` as UiKey;
  const useOne = intl(pluralRules, lang, () => new Intl.PluralRules(lang)).select(count) === "one" && oneKey in en;
  return t(useOne ? oneKey : key, lang, { count: formatNumber(count, lang) });
}

/** A UI string for a language (English fallback), with {name} placeholders filled in. */
export function t(key: UiKey, lang: LanguageTag = DEFAULT_LANG, params?: Record<string, string | number>): string {
  const text = strings[lang]?.[key] ?? en[key];
  // Most strings have no placeholder: skip the replace (t runs hundreds of times per app page).
  if (params === undefined || !text.includes("{")) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

/** A number with the language's digit grouping: 1234 -> "1,234". */
export function formatNumber(value: number, lang: LanguageTag): string {
  return intl(numberFormats, lang, () => new Intl.NumberFormat(lang)).format(value);
}

/** An ISO 8601 UTC time written out for a language, with "UTC": "30 November 2026, 12:00 UTC". */
export function formatDateTime(iso: string, lang: LanguageTag): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" }).format(date)} UTC`;
}

/** A YYYY-MM-DD date written out for a language ("27 May 2026", "2026年5月27日"), read as UTC. */
export function formatDate(isoDate: string, lang: LanguageTag): string {
  const key = `${lang}\0${isoDate}`;
  let text = formattedDates.get(key);
  if (text === undefined) {
    const date = new Date(`${isoDate.slice(0, 10)}T00:00:00Z`);
    text = Number.isNaN(date.getTime())
      ? isoDate
      : intl(
          dateFormats,
          lang,
          () => new Intl.DateTimeFormat(lang, { year: "numeric", month: "long", day: "numeric", timeZone: "UTC" }),
        ).format(date);
    formattedDates.set(key, text);
  }
  return text;
}

/** Dates written so far, by language and date: a catalog shows the same few thousand days hundreds of thousands of times. */
const formattedDates = new Map<string, string>();

// One Intl object per language: making one costs far more than using it (tens of
// thousands of dates and numbers are written for a catalog of 10,000 apps).
const pluralRules = new Map<LanguageTag, Intl.PluralRules>();
const numberFormats = new Map<LanguageTag, Intl.NumberFormat>();
const dateFormats = new Map<LanguageTag, Intl.DateTimeFormat>();

function intl<T>(made: Map<LanguageTag, T>, lang: LanguageTag, make: () => T): T {
  let value = made.get(lang);
  if (value === undefined) {
    value = make();
    made.set(lang, value);
  }
  return value;
}
