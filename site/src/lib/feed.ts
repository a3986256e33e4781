import { escapeXml, xmlText } from "./xml.ts";

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

/**
 * Atom 1.0 (RFC 4287) XML of a feed. `updated` is the newest entry's date, so the same data
 * gives the same bytes. Written with templates (two-space indents, empty elements
 * self-closed, `&`, `<`, `>`, `'` and `"` escaped in text and attributes): at 10,000 apps the
 * 20,000 app feeds cost a fifth of the site's build through an XML builder's object tree.
 * The bytes are those fast-xml-parser's builder gives for the same feed (site/test/xml-output.test.ts
 * compares on generated feeds), but for an attribute whose value is exactly `true`, which
 * that builder writes as a bare name (not XML); here it is written as `name="true"`.
 */
export function buildAtomFeed(feed: Feed): string {
  const newest = feed.entries
    .map((e) => e.date)
    .sort()
    .at(-1);
  let xml = `<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="${escapeXml(feed.lang)}">\n`;
  xml += element("  ", "id", feed.id);
  xml += element("  ", "title", xmlText(feed.title));
  if (feed.subtitle) xml += element("  ", "subtitle", xmlText(feed.subtitle));
  xml += element("  ", "updated", atomDate(newest ?? "1970-01-01"));
  xml += `  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.self)}"/>\n`;
  xml += `  <link rel="alternate" type="text/html" href="${escapeXml(feed.page)}"/>\n`;
  xml += "  <generator>Appshelf</generator>\n";
  for (const e of feed.entries) {
    xml += "  <entry>\n";
    xml += element("    ", "id", e.id);
    xml += element("    ", "title", xmlText(e.title));
    xml += element("    ", "updated", atomDate(e.date));
    xml += element("    ", "published", atomDate(e.date));
    xml += `    <link rel="alternate" type="text/html" href="${escapeXml(e.link)}"/>\n`;
    xml += `    <author>\n${element("      ", "name", xmlText(e.author))}    </author>\n`;
    for (const term of e.categories) xml += `    <category term="${escapeXml(term)}"/>\n`;
    xml += element("    ", "summary", xmlText(e.summary));
    if (e.html) {
      const html = escapeXml(xmlText(e.html));
      xml += html === "" ? '    <content type="html"/>\n' : `    <content type="html">${html}</content>\n`;
    }
    xml += "  </entry>\n";
  }
  return `${xml}</feed>\n`;
}

/** One text element on its own line: `<name>text</name>`, or `<name/>` when the text is empty. */
function element(indent: string, name: string, text: string): string {
  const escaped = escapeXml(text);
  return escaped === "" ? `${indent}<${name}/>\n` : `${indent}<${name}>${escaped}</${name}>\n`;
}

/** An RFC 3339 date-time for a YYYY-MM-DD date: midnight UTC. */
export function atomDate(date: string): string {
  return `${date.slice(0, 10)}T00:00:00Z`;
}
