import { loadIndex } from "./load-index.ts";
import { pick } from "./i18n.ts";
import { DELIVERY_TYPES } from "./types.ts";
import type { AppEntry, AppVersion, CategoryEntry, DeliveryType, LanguageTag, Shard } from "./types.ts";

/**
 * Every app in the index, suspended ones included, sorted by name in the language. Sorted
 * once per language (a catalog page asks for this list many times); callers get a copy.
 */
export function allApps(lang: LanguageTag): AppEntry[] {
  return [...sortedApps(lang)];
}

const sortedByLang = new Map<LanguageTag, readonly AppEntry[]>();

function sortedApps(lang: LanguageTag): readonly AppEntry[] {
  let sorted = sortedByLang.get(lang);
  if (!sorted) {
    const collator = new Intl.Collator(lang);
    sorted = [...loadIndex().index.apps].sort((a, b) => collator.compare(pick(a.name, lang), pick(b.name, lang)));
    sortedByLang.set(lang, sorted);
  }
  return sorted;
}

/** Apps listed in the store: suspended apps are left out. */
export function activeApps(lang: LanguageTag): AppEntry[] {
  return sortedApps(lang).filter((app) => app.status === "active");
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
  byId ??= new Map(loadIndex().index.apps.map((a) => [a.id, a]));
  return byId.get(id);
}

let byId: Map<string, AppEntry> | undefined;

export function shardOf(id: string): Shard {
  const shard = loadIndex().shards.get(id);
  if (!shard) throw new Error(`No shard loaded for app "${id}".`);
  return shard;
}

/** A shard's versions grouped by delivery type in the fixed order helm, nextcloud, compose, vm. */
export function versionsByDelivery(shard: Shard): [DeliveryType, AppVersion[]][] {
  return DELIVERY_TYPES.map((d): [DeliveryType, AppVersion[]] => [
    d,
    shard.versions.filter((v) => v.delivery === d),
  ]).filter(([, versions]) => versions.length > 0);
}

/** One released version of a listed app: what the feeds and the "updated" lists are made of. */
export interface Release {
  app: AppEntry;
  version: AppVersion;
}

/** The oldest release date among an app's released versions: when it appeared in the store. */
export function firstReleased(id: string): string | undefined {
  return shardOf(id)
    .versions.filter((v) => v.status === "released")
    .map((v) => v.released)
    .sort()[0];
}

/** How many days back the home page's "new" list reaches. */
export const NEW_APP_DAYS = 30;

/**
 * The day the home page counts back from: the newest release in the index (YYYY-MM-DD), so
 * the same index always builds the same page.
 */
export function catalogDate(): string | undefined {
  return (
    loadIndex()
      .index.apps.map((a) => a.updated ?? "")
      .sort()
      .at(-1) || undefined
  );
}

/** YYYY-MM-DD `days` before `date`. */
function daysBefore(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);
}

/** Listed apps first released in the last {@link NEW_APP_DAYS} days (before {@link catalogDate}), newest first. */
export function newApps(lang: LanguageTag, limit: number): AppEntry[] {
  const today = catalogDate();
  if (!today) return [];
  const since = daysBefore(today, NEW_APP_DAYS);
  const dated = activeApps(lang).flatMap((app) => {
    const first = firstReleased(app.id);
    return first && first > since ? [{ app, first }] : [];
  });
  return dated
    .sort((a, b) => b.first.localeCompare(a.first) || a.app.id.localeCompare(b.app.id))
    .slice(0, limit)
    .map((d) => d.app);
}

/**
 * Listed apps with a release after their first one (an update, not a first appearance),
 * most recently updated first, leaving out the apps in `shown` (the "new" list) so the
 * two sections differ.
 */
export function recentlyUpdatedApps(lang: LanguageTag, limit: number, shown: readonly AppEntry[] = []): AppEntry[] {
  const skip = new Set(shown.map((a) => a.id));
  return activeApps(lang)
    .filter((app) => app.updated !== undefined && !skip.has(app.id) && app.updated !== firstReleased(app.id))
    .sort((a, b) => (b.updated ?? "").localeCompare(a.updated ?? "") || a.id.localeCompare(b.id))
    .slice(0, limit);
}

/**
 * Released versions of listed apps (of one app when `appId` is given), newest first; ties by
 * app id, delivery type and version so the order is stable. Suspended apps and versions are
 * left out. The list of every app's releases (the registry feed's, in each language) is
 * sorted once; callers get a copy.
 */
export function releases(appId?: string): Release[] {
  if (appId === undefined) {
    everyRelease ??= releasesOf(loadIndex().index.apps);
    return [...everyRelease];
  }
  const one = findApp(appId);
  return releasesOf(one ? [one] : []);
}

let everyRelease: readonly Release[] | undefined;

function releasesOf(entries: readonly AppEntry[]): Release[] {
  const apps = entries.filter((a) => a.status === "active");
  const list = apps.flatMap((app) =>
    shardOf(app.id)
      .versions.filter((v) => v.status === "released")
      .map((version) => ({ app, version })),
  );
  return list.sort(
    (a, b) =>
      b.version.released.localeCompare(a.version.released) ||
      a.app.id.localeCompare(b.app.id) ||
      DELIVERY_TYPES.indexOf(a.version.delivery) - DELIVERY_TYPES.indexOf(b.version.delivery) ||
      b.version.version.localeCompare(a.version.version, "en", { numeric: true }),
  );
}
