import { loadIndex } from "./load-index.ts";
import { pick } from "./i18n.ts";
import { DELIVERY_TYPES } from "./types.ts";
import type { AppEntry, AppVersion, CategoryEntry, DeliveryType, LanguageTag, Shard } from "./types.ts";

/** Every app in the index, suspended ones included, sorted by name in the language. */
export function allApps(lang: LanguageTag): AppEntry[] {
  return [...loadIndex().index.apps].sort((a, b) => pick(a.name, lang).localeCompare(pick(b.name, lang), lang));
}

/** Apps listed in the store: suspended apps are left out. */
export function activeApps(lang: LanguageTag): AppEntry[] {
  return allApps(lang).filter((app) => app.status === "active");
}

export function appsInCategory(categoryId: string, lang: LanguageTag): AppEntry[] {
  return activeApps(lang).filter((app) => app.categories.includes(categoryId));
}

export function categories(): CategoryEntry[] {
  return loadIndex().index.categories;
}

export function findCategory(id: string): CategoryEntry | undefined {
  return categories().find((c) => c.id === id);
}

export function findApp(id: string): AppEntry | undefined {
  return loadIndex().index.apps.find((a) => a.id === id);
}

export function shardOf(id: string): Shard {
  const shard = loadIndex().shards.get(id);
  if (!shard) throw new Error(`No shard loaded for app "${id}".`);
  return shard;
}

/** A shard's versions grouped by delivery type in the fixed order helm, nextcloud, compose, vm. */
export function versionsByDelivery(shard: Shard): [DeliveryType, AppVersion[]][] {
  return DELIVERY_TYPES.map((d): [DeliveryType, AppVersion[]] => [d, shard.versions.filter((v) => v.delivery === d)]).filter(
    ([, versions]) => versions.length > 0,
  );
}
