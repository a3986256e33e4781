import { describe, expect, it } from "vitest";
import { fileNameOf } from "../src/lib/format.ts";
import { formatDate, pickedLang, tCount } from "../src/lib/i18n.ts";
import { publisherSlug } from "../src/lib/publishers.ts";
import { appHref, delocalize, localize } from "../src/lib/urls.ts";

describe("language URLs", () => {
  it("keeps English at the root and puts other languages under /<tag>/", () => {
    expect(appHref("harbor")).toBe("/apps/harbor/");
    expect(appHref("harbor", "zh-CN")).toBe("/zh-CN/apps/harbor/");
    expect(localize("/", "zh-CN")).toBe("/zh-CN/");
  });

  it("finds the language and the page of a path", () => {
    expect(delocalize("/zh-CN/apps/harbor/")).toEqual({ lang: "zh-CN", path: "/apps/harbor/" });
    expect(delocalize("/zh-CN")).toEqual({ lang: "zh-CN", path: "/" });
    expect(delocalize("/zh-CNx/")).toEqual({ lang: "en", path: "/zh-CNx/" });
  });
});

describe("language helpers", () => {
  it("formats counts and dates per language, English where a text has no translation", () => {
    expect(tCount("app.downloads", "en", 1234)).toBe("1,234 downloads");
    expect(tCount("app.downloads", "en", 1)).toBe("1 download");
    expect(tCount("app.downloads", "zh-CN", 1)).toBe("1 次下载");
    expect(formatDate("2026-05-27", "en")).toBe("May 27, 2026");
    expect(formatDate("2026-05-27", "zh-CN")).toBe("2026年5月27日");
    expect(pickedLang({ en: "x" }, "zh-CN")).toBe("en");
  });
});

describe("publisherSlug", () => {
  it("makes an ASCII slug, or a hash for names without ASCII letters", () => {
    expect(publisherSlug("The Harbor project")).toBe("the-harbor-project");
    expect(publisherSlug("Nextcloud GmbH")).toBe("nextcloud-gmbh");
    expect(publisherSlug("Café Ünïcode, Inc.")).toBe("cafe-unicode-inc");
    expect(publisherSlug("青云科技")).toMatch(/^p-[0-9a-f]{10}$/);
  });
});

describe("fileNameOf", () => {
  it("names the last path segment as the URL parser reads it, the same on every call", () => {
    const cases: [string, string][] = [
      ["https://e.example/charts/harbor-1.2.3.tgz?x=1#y", "harbor-1.2.3.tgz"],
      ["https://e.example/a/b/../c%20d.tgz", "c%20d.tgz"],
      ["https://e.example/a b.tgz", "a%20b.tgz"],
      ["https://e.example/dir/", "download"],
      ["https://e.example/dir/..", "download"],
      ["release-assets/harbor/1.0.0/harbor.tgz", "harbor.tgz"],
    ];
    for (let round = 0; round < 2; round += 1)
      for (const [url, name] of cases) expect([url, fileNameOf(url)]).toEqual([url, name]);
  });
});
