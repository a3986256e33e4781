import { buildXml, xmlText } from "./xml.ts";

/** One Atom entry: a release. Dates are YYYY-MM-DD (read as 00:00 UTC). */
export interface FeedEntry {
  /** Permanent IRI of the entry. */
  id: string;
  title: string;
  /** Page the entry links to. */
  link: string;
  date: string;
  author: string;
  summary: string;
  /** Sanitized HTML, sent escaped as Atom `type="html"` content. */
  html?: string;
  categories: string[];
}

export interface Feed {
  id: string;
  title: string;
  subtitle?: string;
  lang: string;
  /** Where the feed itself is served (rel="self"). */
  self: string;
  /** The HTML page it mirrors (rel="alternate"). */
  page: string;
  entries: FeedEntry[];
}

/** Atom 1.0 (RFC 4287) XML of a feed. `updated` is the newest entry's date, so the same data gives the same bytes. */
export function buildAtomFeed(feed: Feed): string {
  const newest = feed.entries
    .map((e) => e.date)
    .sort()
    .at(-1);
  return buildXml({
    feed: {
      "@_xmlns": "http://www.w3.org/2005/Atom",
      "@_xml:lang": feed.lang,
      id: feed.id,
      title: xmlText(feed.title),
      ...(feed.subtitle ? { subtitle: xmlText(feed.subtitle) } : {}),
      updated: atomDate(newest ?? "1970-01-01"),
      link: [
        { "@_rel": "self", "@_type": "application/atom+xml", "@_href": feed.self },
        { "@_rel": "alternate", "@_type": "text/html", "@_href": feed.page },
      ],
      generator: "Appshelf",
      entry: feed.entries.map((e) => ({
        id: e.id,
        title: xmlText(e.title),
        updated: atomDate(e.date),
        published: atomDate(e.date),
        link: { "@_rel": "alternate", "@_type": "text/html", "@_href": e.link },
        author: { name: xmlText(e.author) },
        category: e.categories.map((term) => ({ "@_term": term })),
        summary: xmlText(e.summary),
        ...(e.html ? { content: { "@_type": "html", "#text": xmlText(e.html) } } : {}),
      })),
    },
  });
}

/** An RFC 3339 date-time for a YYYY-MM-DD date: midnight UTC. */
export function atomDate(date: string): string {
  return `${date.slice(0, 10)}T00:00:00Z`;
}
