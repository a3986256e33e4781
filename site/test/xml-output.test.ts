import fc from "fast-check";
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { atomDate, buildAtomFeed, type Feed } from "../src/lib/feed.ts";
import { buildXml, xmlText } from "../src/lib/xml.ts";
import { buildSitemap } from "../src/lib/sitemap.ts";

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@_" });

describe("buildAtomFeed", () => {
  const feed = buildAtomFeed({
    id: "https://shelf.example/feed.xml",
    title: 'Tom & Jerry <apps> "quoted"\u0001',
    lang: "en",
    self: "https://shelf.example/feed.xml",
    page: "https://shelf.example/?a=1&b=2",
    entries: [
      {
        id: "https://shelf.example/apps/x/#helm-1.0.0",
        title: "X 1.0.0 (Helm chart)",
        link: "https://shelf.example/apps/x/#helm-1.0.0",
        date: "2026-05-27",
        author: "X & Co",
        summary: "</summary><script>alert(1)</script>",
        html: "<p>Fixed <code>&lt;b&gt;</code></p>",
        categories: ["database"],
      },
    ],
  });

  it("writes well-formed Atom with every text escaped", () => {
    expect(XMLValidator.validate(feed)).toBe(true);
    expect(feed).toContain("<title>Tom &amp; Jerry &lt;apps&gt; &quot;quoted&quot;</title>");
    expect(feed).not.toContain("<script>");
    const parsed = parser.parse(feed).feed;
    expect(parsed.updated).toBe("2026-05-27T00:00:00Z");
    expect(parsed.entry.summary).toBe("</summary><script>alert(1)</script>");
    expect(parsed.entry.content["#text"]).toBe("<p>Fixed <code>&lt;b&gt;</code></p>");
    expect(parsed.entry.content["@_type"]).toBe("html");
  });

  it("uses the Unix epoch as updated for a feed without entries", () => {
    const empty = buildAtomFeed({ id: "i", title: "t", lang: "en", self: "s", page: "p", entries: [] });
    expect(parser.parse(empty).feed.updated).toBe("1970-01-01T00:00:00Z");
  });
});

/** The feed as fast-xml-parser's builder writes it (the code buildAtomFeed replaced): the reference its bytes are held to. */
function builderFeed(feed: Feed): string {
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

describe("buildAtomFeed against the XML builder", () => {
  // Text with what XML escapes or drops, newlines, CJK and emoji; "" for empty elements.
  const text = fc.oneof(
    fc.constant(""),
    fc.string({
      unit: fc.constantFrom("a", " ", "&", "<", ">", "'", '"', "\n", "\u0001", "\uD800", "界", "😀", "&amp;"),
    }),
    fc.string({ unit: "binary", maxLength: 20 }),
  );
  // The builder writes an attribute whose value is exactly "true" as a bare name (not XML): left out.
  const attribute = text.filter((v) => v !== "true");
  const date = fc.constantFrom("2025-01-02", "2026-12-07", "1999-12-31");
  const entry = fc.record({
    id: text,
    title: text,
    link: attribute,
    date,
    author: text,
    summary: text,
    html: fc.option(text, { nil: undefined }),
    categories: fc.array(attribute, { maxLength: 3 }),
  });
  const feed = fc.record({
    id: text,
    title: text,
    subtitle: fc.option(text, { nil: undefined }),
    lang: fc.constantFrom("en", "zh-CN"),
    self: attribute,
    page: attribute,
    entries: fc.array(entry, { maxLength: 4 }),
  });

  it("writes the same bytes as fast-xml-parser's builder for any feed", () => {
    fc.assert(
      fc.property(feed, (f) => {
        const data: Feed = JSON.parse(JSON.stringify(f));
        expect(buildAtomFeed(data)).toBe(builderFeed(data));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes an attribute whose value is true as name="true" (the builder wrote a bare name)', () => {
    const xml = buildAtomFeed({
      id: "i",
      title: "t",
      lang: "en",
      self: "s",
      page: "p",
      entries: [
        { id: "e", title: "t", link: "true", date: "2026-01-01", author: "a", summary: "s", categories: ["true"] },
      ],
    });
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<category term="true"/>');
  });
});

describe("buildSitemap", () => {
  it("lists each language's URL with hreflang alternates", () => {
    const xml = buildSitemap([
      { urls: { en: "https://s.example/apps/a/", "zh-CN": "https://s.example/zh-CN/apps/a/" }, lastmod: "2026-01-02" },
    ]);
    expect(XMLValidator.validate(xml)).toBe(true);
    const urls = parser.parse(xml).urlset.url;
    expect(urls.map((u: { loc: string }) => u.loc)).toEqual([
      "https://s.example/apps/a/",
      "https://s.example/zh-CN/apps/a/",
    ]);
    expect(urls[1]["xhtml:link"].map((l: Record<string, string>) => l["@_hreflang"])).toEqual(["en", "zh-CN"]);
  });
});
