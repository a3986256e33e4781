import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appPagesByBundle, writeSearchIndex } from "../src/integrations/search-index.ts";
import { bundleCount, bundleKey, bundleOf } from "../src/lib/search-bundles.ts";

const temp = mkdtempSync(join(tmpdir(), "appshelf-search-bundles-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A built site with one app page per id in English and Chinese; `listed: false` leaves data-pagefind-body out. */
function site(name: string, apps: { id: string; words: string; listed?: boolean }[]): string {
  const dir = join(temp, name);
  for (const app of apps) {
    for (const [prefix, lang] of [
      ["", "en"],
      ["zh-CN/", "zh-CN"],
    ] as const) {
      mkdirSync(join(dir, prefix, "apps", app.id), { recursive: true });
      const body = app.listed === false ? "" : " data-pagefind-body";
      writeFileSync(
        join(dir, prefix, "apps", app.id, "index.html"),
        `<!doctype html><html lang="${lang}"><body><article${body}><h1 data-pagefind-meta="title">${app.id}</h1><p>${app.words}</p></article></body></html>`,
      );
    }
  }
  return dir;
}

const keysOf = (dir: string, version = "1") =>
  Object.fromEntries(appPagesByBundle(dir).flatMap(([, paths]) => paths.map((p) => [p, `${p}@${version}`])));

describe("search bundles", () => {
  it("splits apps into a power of two of bundles of at most 1,000 apps, by a stable hash of the id", () => {
    expect([0, 1, 1000, 1001, 10_000, 50_000].map(bundleCount)).toEqual([1, 1, 1, 2, 16, 64]);
    expect(bundleOf("harbor", 1)).toBe(0);
    expect(bundleOf("harbor", 16)).toBe(bundleOf("harbor", 16));
    // Doubling the count keeps an app in the bundle it had or moves it to its "upper" twin only.
    for (const id of ["harbor", "redis", "app-0001"]) expect(bundleOf(id, 32) % 16).toBe(bundleOf(id, 16));
  });

  it("keys a bundle by its pages' keys, and has no key when a page has none", () => {
    const pages = [
      { path: "apps/a/index.html", key: "1" },
      { path: "apps/b/index.html", key: "2" },
    ];
    expect(bundleKey("k", pages)).toBe(bundleKey("k", [...pages].reverse()));
    expect(bundleKey("k", pages)).not.toBe(bundleKey("k", [pages[0]!, { ...pages[1]!, key: "3" }]));
    expect(bundleKey("k2", pages)).not.toBe(bundleKey("k", pages));
    expect(bundleKey("k", [{ path: "apps/a/index.html", key: undefined }])).toBeUndefined();
  });

  it("indexes listed pages only, then copies an unchanged bundle from the previous build and re-indexes a changed one", async () => {
    const apps = [
      { id: "alpha", words: "kubernetes registry" },
      { id: "beta", words: "postgres database" },
      { id: "gamma", words: "hidden suspended", listed: false },
    ];
    const first = site("first", apps);
    const report = await writeSearchIndex(first, { buildKey: "k", pageKeys: keysOf(first) });
    expect(report).toMatchObject({ read: 6, indexed: { en: 2, "zh-cn": 2 }, bundles: { indexed: 1, reused: 0 } });
    const bundles = JSON.parse(readFileSync(join(first, "pagefind", "bundles.json"), "utf8"));
    expect(bundles.bundles).toEqual(["0/"]);

    const second = site("second", apps);
    const again = await writeSearchIndex(second, { previousDir: first, buildKey: "k", pageKeys: keysOf(second) });
    expect(again.bundles).toEqual({ indexed: 0, reused: 1 });
    expect(again.read).toBe(0);
    const entry = (dir: string) => readFileSync(join(dir, "pagefind", "0", "pagefind-entry.json"));
    expect(entry(second).equals(entry(first))).toBe(true);

    const third = site("third", apps);
    const changed = await writeSearchIndex(third, { previousDir: second, buildKey: "k", pageKeys: keysOf(third, "2") });
    expect(changed.bundles).toEqual({ indexed: 1, reused: 0 });
  });

  it("writes no bundle when no app is listed, so Pagefind never indexes a suspended app's whole page", async () => {
    const dir = site("none-listed", [{ id: "gamma", words: "hidden", listed: false }]);
    const report = await writeSearchIndex(dir);
    expect(report.indexed).toEqual({});
    expect(JSON.parse(readFileSync(join(dir, "pagefind", "bundles.json"), "utf8")).bundles).toEqual([]);
  });
});
