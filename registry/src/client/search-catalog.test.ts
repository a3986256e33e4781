import { describe, expect, it } from "vitest";
import type { CatalogEntry } from "../index/index-types.ts";
import { searchCatalog } from "./search-catalog.ts";
import { mapUrl, parseUrlMappings } from "./url-map.ts";

const app = (id: string, more: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id,
  name: { en: id },
  summary: { en: `${id} summary` },
  categories: [],
  keywords: [],
  license: "MIT",
  publisher: { id: "p", name: "P", url: "https://example.org", verified: false },
  status: "active",
  deliveries: ["helm"],
  latest: {},
  versions: 1,
  ...more,
});

describe("searchCatalog", () => {
  const apps = [
    app("redis", { keywords: ["cache"] }),
    app("harbor", { summary: { en: "Registry for charts", "zh-CN": "镜像仓库" } }),
    app("cachet", { status: "suspended" }),
    app("emqx", { deliveries: ["vm"] }),
  ];

  it("matches every word in any language, best first, suspended apps left out by default", () => {
    expect(searchCatalog(apps, ["cache"]).map((a) => a.id)).toEqual(["redis"]);
    expect(searchCatalog(apps, ["cache"], { includeSuspended: true }).map((a) => a.id)).toEqual(["cachet", "redis"]);
    expect(searchCatalog(apps, ["镜像"]).map((a) => a.id)).toEqual(["harbor"]);
    expect(searchCatalog(apps, ["registry", "nope"])).toEqual([]);
  });

  it("filters by delivery type; no words lists everything by id", () => {
    expect(searchCatalog(apps, [], { delivery: "vm" }).map((a) => a.id)).toEqual(["emqx"]);
    expect(searchCatalog(apps, []).map((a) => a.id)).toEqual(["emqx", "harbor", "redis"]);
  });
});

describe("--url-map", () => {
  it("rewrites the first matching prefix and leaves other URLs alone", () => {
    const maps = parseUrlMappings(["https://helm.goharbor.io/=http://127.0.0.1:8080/m/"]);
    expect(mapUrl("https://helm.goharbor.io/harbor-1.19.1.tgz", maps)).toBe(
      "http://127.0.0.1:8080/m/harbor-1.19.1.tgz",
    );
    expect(mapUrl("https://example.org/a.tgz", maps)).toBe("https://example.org/a.tgz");
    expect(() => parseUrlMappings(["nothing"])).toThrow(/expected <from-prefix>=<to-prefix>/);
  });
});
