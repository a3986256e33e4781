import { createHash } from "node:crypto";
import { allApps } from "./catalog.ts";
import type { AppEntry, LanguageTag, Publisher } from "./types.ts";

/** A publisher and its apps, suspended ones included (pages filter them out of listings). */
export interface PublisherGroup {
  slug: string;
  name: string;
  /** Distinct home pages and contacts its apps name, in app-name order. */
  urls: string[];
  contacts: string[];
  apps: AppEntry[];
}

/**
 * The URL segment of a publisher page, from its name: "The Harbor project" -> "the-harbor-project".
 * A name with no ASCII letters or digits (e.g. written in Chinese) gets "p-" and 10 hex digits of its SHA-256.
 */
export function publisherSlug(name: string): string {
  const ascii = name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64)
    .replace(/-+$/, "");
  return ascii || `p-${createHash("sha256").update(name).digest("hex").slice(0, 10)}`;
}

/** Every publisher of the index, grouped by its record's id (the page's slug: a name typed alike never joins another's page), sorted by name. */
export function publishers(lang: LanguageTag): PublisherGroup[] {
  const groups = new Map<string, PublisherGroup>();
  for (const app of allApps(lang)) {
    const slug = app.publisher.id;
    const group = groups.get(slug) ?? { slug, name: app.publisher.name, urls: [], contacts: [], apps: [] };
    addOnce(group.urls, app.publisher.url);
    if (app.publisher.contact) addOnce(group.contacts, app.publisher.contact);
    group.apps.push(app);
    groups.set(slug, group);
  }
  return [...groups.values()].sort((a, b) => a.name.localeCompare(b.name, lang));
}

/** Where a contact goes: an HTTPS page as is, anything else as an e-mail address. */
export function contactHref(contact: Publisher["contact"]): string | undefined {
  if (!contact) return undefined;
  return contact.startsWith("https://") ? contact : `mailto:${contact}`;
}

function addOnce(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}
