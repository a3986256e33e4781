import { XMLParser, XMLValidator } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { buildAtomFeed } from "../src/lib/feed.ts";
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
