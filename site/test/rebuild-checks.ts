import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeSearchIndex } from "../src/integrations/search-index.ts";
import { astroBuild, type BuiltSite } from "./build-fixture.ts";
import { hashes } from "./file-hashes.ts";

/**
 * The catalog built again from the same index with the first build as the previous one
 * (APPSHELF_SITE_PREVIOUS): nothing is rendered or indexed again, every file is the same
 * byte for byte, reused pages are the previous build's files (hard links), and the search
 * index built while the pages rendered is the one Pagefind writes from the built pages.
 */
export function describeRebuild(site: () => BuiltSite): void {
  describe("catalog rebuilt from an unchanged index", () => {
    let again = "";
    let temp = "";
    beforeAll(() => {
      temp = mkdtempSync(join(tmpdir(), "appshelf-site-again-"));
      again = join(temp, "site");
      const { indexDir, siteDir, trustedKeys } = site();
      astroBuild(indexDir, again, trustedKeys, siteDir);
    }, 600_000);
    afterAll(() => rmSync(temp, { recursive: true, force: true }));

    it("writes the same files byte for byte, the reused ones as links to the previous build's", () => {
      const { siteDir } = site();
      expect(hashes(again)).toEqual(hashes(siteDir));
      for (const path of ["apps/harbor/index.html", "zh-CN/apps/harbor/index.html", "apps/harbor/feed.xml"])
        expect(statSync(join(again, path)).ino, path).toBe(statSync(join(siteDir, path)).ino);
      // Listings show every app: rendered afresh, each its own file.
      expect(statSync(join(again, "index.html")).ino).not.toBe(statSync(join(siteDir, "index.html")).ino);
    });

    it("builds the search index while rendering exactly as Pagefind builds it from the written pages", async () => {
      const { siteDir } = site();
      const fromDisk = join(temp, "from-disk");
      await writeSearchIndex(siteDir, undefined, fromDisk);
      const built = hashes(join(siteDir, "pagefind"));
      const expected = hashes(join(fromDisk, "pagefind"));
      const bundles = (dir: string) =>
        (JSON.parse(readFileSync(join(dir, "pagefind", "bundles.json"), "utf8")) as { bundles: string[] }).bundles;
      expect(bundles(siteDir)).toEqual(bundles(fromDisk));
      delete built["bundles.json"];
      delete expected["bundles.json"];
      expect(Object.keys(built).length).toBeGreaterThan(5);
      expect(built).toEqual(expected);
    }, 120_000);
  });
}
