import { describe, expect, it } from "vitest";
import { fallbackSearch, type CatalogApp } from "../src/scripts/search-fallback.ts";

const app = (id: string, en: string, zh: string, keywords: string[] = []): CatalogApp => ({
  id,
  urls: { en: `/apps/${id}/`, "zh-CN": `/zh-CN/apps/${id}/` },
  names: { en: id, "zh-CN": id },
  texts: { en, "zh-CN": zh },
  keywords,
  categories: [],
  publisher: "Bitnami by Broadcom",
  latest: { helm: "1.0.0" },
});

const APPS = [
  app("redis", "Redis in-memory data store Database", "Redis 内存数据存储 数据库", ["cache"]),
  app("mysql", "MySQL Database", "MySQL 数据库"),
  app("gitea", "Gitea Developer tools", "Gitea 开发工具", ["git"]),
];

describe("fallbackSearch", () => {
  it("finds a Chinese word from the English page and counts it per language", () => {
    expect(fallbackSearch(APPS, "数据库", "en")).toEqual({
      kind: "other-language",
      counts: { "zh-CN": 2 },
      apps: [APPS[0], APPS[1]],
    });
  });

  it("finds an English word from the Chinese page", () => {
    expect(fallbackSearch(APPS, "developer", "zh-CN")).toMatchObject({ kind: "other-language", counts: { en: 1 } });
  });

  it("tolerates one edit in a 4-letter word and two (a swapped pair) in a longer one, none under 4 letters", () => {
    expect(fallbackSearch(APPS, "redsi", "en")).toEqual({ kind: "typo", apps: [APPS[0]] });
    expect(fallbackSearch(APPS, "bitnamii", "en")).toMatchObject({ kind: "typo" });
    expect(fallbackSearch(APPS, "gti", "en")).toEqual({ kind: "none" });
    expect(fallbackSearch(APPS, "zzzzzz", "en")).toEqual({ kind: "none" });
  });
});
