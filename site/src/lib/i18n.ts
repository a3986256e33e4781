import en from "../i18n/en.json";
import zhCN from "../i18n/zh-CN.json";
import type { LanguageTag, Translated } from "./types.ts";

export type UiKey = keyof typeof en;
type UiStrings = Record<UiKey, string>;

const strings: Record<string, Partial<UiStrings>> = { en, "zh-CN": zhCN };

export const DEFAULT_LANG: LanguageTag = "en";
export const UI_LANGS: readonly LanguageTag[] = Object.keys(strings);

/** Picks the text for a language from translated data, falling back to English. */
export function pick(translated: Translated, lang: LanguageTag = DEFAULT_LANG): string {
  return translated[lang] ?? translated.en;
}

/** A UI string holding {count}, using its ".one" form when the language's plural rules say so. */
export function tCount(key: UiKey, lang: LanguageTag, count: number): string {
  const oneKey = `${key}.one` as UiKey;
  const useOne = new Intl.PluralRules(lang).select(count) === "one" && oneKey in en;
  return t(useOne ? oneKey : key, lang, { count });
}

/** A UI string for a language (English fallback), with {name} placeholders filled in. */
export function t(key: UiKey, lang: LanguageTag = DEFAULT_LANG, params: Record<string, string | number> = {}): string {
  const text = strings[lang]?.[key] ?? en[key];
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}
