import { isRelativeUrl } from "../../../registry/src/site-api.ts";
import { DEFAULT_LANG, PREFIXED_LANGS } from "./i18n.ts";
import type { LanguageTag } from "./types.ts";

/** Where a file of the index is served on this site: /<path>, the same layout as dist/. */
export function indexHref(path: string): string {
  return `/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** A link to an artifact: its own absolute URL, or its copy on this site for registry-kept files. */
export function artifactHref(url: string): string {
  return isRelativeUrl(url) ? indexHref(url) : url;
}

/** An absolute artifact URL for shell commands, resolving registry-kept files against the site URL. */
export function artifactAbsoluteUrl(url: string, site: URL | string): string {
  return isRelativeUrl(url) ? new URL(indexHref(url), site).href : url;
}

/** A site path (starting with "/") in a language: English at the root, others under /<tag>/. */
export function localize(path: string, lang: LanguageTag): string {
  return lang === DEFAULT_LANG ? path : `/${lang}${path}`;
}

/** Splits a page path into its language and the path without the language prefix. */
export function delocalize(pathname: string): { lang: LanguageTag; path: string } {
  for (const lang of PREFIXED_LANGS) {
    const prefix = `/${lang}`;
    if (pathname === prefix || pathname.startsWith(`${prefix}/`))
      return { lang, path: pathname.slice(prefix.length) || "/" };
  }
  return { lang: DEFAULT_LANG, path: pathname };
}

const segment = encodeURIComponent;

/** Page paths, with the trailing slash the site uses everywhere. */
export const homeHref = (lang: LanguageTag = DEFAULT_LANG): string => localize("/", lang);
export const appHref = (id: string, lang: LanguageTag = DEFAULT_LANG): string =>
  localize(`/apps/${segment(id)}/`, lang);
export const categoriesHref = (lang: LanguageTag = DEFAULT_LANG): string => localize("/categories/", lang);
export const categoryHref = (id: string, lang: LanguageTag = DEFAULT_LANG): string =>
  localize(`/categories/${segment(id)}/`, lang);
export const publishersHref = (lang: LanguageTag = DEFAULT_LANG): string => localize("/publishers/", lang);
export const publisherHref = (slug: string, lang: LanguageTag = DEFAULT_LANG): string =>
  localize(`/publishers/${segment(slug)}/`, lang);
export const searchHref = (lang: LanguageTag = DEFAULT_LANG): string => localize("/search/", lang);
export const queueHref = (lang: LanguageTag = DEFAULT_LANG): string => localize("/queue/", lang);
export const feedHref = (lang: LanguageTag = DEFAULT_LANG): string => localize("/feed.xml", lang);
export const appFeedHref = (id: string, lang: LanguageTag = DEFAULT_LANG): string =>
  localize(`/apps/${segment(id)}/feed.xml`, lang);
export const maintainerHref = (login: string): string => `https://github.com/${encodeURIComponent(login)}`;
