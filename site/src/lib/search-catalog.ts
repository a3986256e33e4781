import type { CatalogApp } from "../scripts/search-fallback.ts";
import { activeApps, categories } from "./catalog.ts";
import { pick, UI_LANGS } from "./i18n.ts";
import { appHref, indexHref } from "./urls.ts";

/**
 * `/search-catalog.json`: every listed app with its page and words in every interface
 * language, for the search page's fallback (other-language matches and typo tolerance,
 * scripts/search-fallback.ts). Suspended apps are left out, as from the search index.
 */
export function searchCatalog(): { apps: CatalogApp[] } {
  const names = new Map(categories().map((c) => [c.id, c.name]));
  return {
    apps: activeApps("en").map((app) => ({
      id: app.id,
      urls: Object.fromEntries(UI_LANGS.map((lang) => [lang, appHref(app.id, lang)])),
      names: Object.fromEntries(UI_LANGS.map((lang) => [lang, pick(app.name, lang)])),
      texts: Object.fromEntries(
        UI_LANGS.map((lang) => [
          lang,
          [
            pick(app.name, lang),
            pick(app.summary, lang),
            ...app.categories.map((c) => {
              const n = names.get(c);
              return n ? pick(n, lang) : c;
            }),
          ].join(" "),
        ]),
      ),
      keywords: app.keywords,
      categories: app.categories,
      publisher: app.publisher.name,
      latest: Object.fromEntries(Object.entries(app.latest).map(([d, l]) => [d, l.version])),
      ...(app.icon ? { icon: indexHref(app.icon.path) } : {}),
    })),
  };
}
