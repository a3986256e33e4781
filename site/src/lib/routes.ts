import { PREFIXED_LANGS } from "./i18n.ts";
import type { LanguageTag } from "./types.ts";

/**
 * Static paths of a page under /<lang>/ for every language but English (which lives at the
 * root, in the route file without [lang]): `items` gives the page's own params and props per language.
 */
export function prefixedPaths<P extends Record<string, string>, T extends object>(
  items: (lang: LanguageTag) => { params: P; props: T }[],
): { params: P & { lang: LanguageTag }; props: T & { lang: LanguageTag } }[] {
  return PREFIXED_LANGS.flatMap((lang) =>
    items(lang).map(({ params, props }) => ({ params: { ...params, lang }, props: { ...props, lang } })),
  );
}

/** Static paths of a page with no params of its own, one per prefixed language. */
export function langPaths(): { params: { lang: LanguageTag }; props: { lang: LanguageTag } }[] {
  return prefixedPaths(() => [{ params: {}, props: {} }]);
}

/**
 * `apps` in the order of their pages' output paths (`apps/<id>/index.html`): the order each
 * search bundle takes its app pages in (integrations/search-index.ts). The search
 * integration then renders the app pages bundle by bundle (search-integration.ts
 * `inBundleOrder`), so each page reaches Pagefind as soon as it is rendered.
 */
export function inPageOrder<T extends { id: string }>(apps: T[]): T[] {
  return apps.sort((a, b) => (`${a.id}/` < `${b.id}/` ? -1 : `${a.id}/` > `${b.id}/` ? 1 : 0));
}
