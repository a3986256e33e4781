import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { astroBuild, type BuiltSite } from "./build-fixture.ts";
import { differingFiles, hashes } from "./file-hashes.ts";

/**
 * The differential test of the helper threads (integrations/helper-threads.ts): the catalog
 * built again from the same index with APPSHELF_SITE_HELPERS=off (Markdown rendered by the
 * pages themselves, Pagefind fed from the main thread) must be the same files, byte for
 * byte, as the build with them: every page in both languages, the feeds and the search
 * index. A control shows the comparison sees a one-byte change in a page.
 */
export function describeHelperThreads(site: () => BuiltSite): void {
  describe("catalog built without helper threads", () => {
    let temp = "";
    let single = "";
    beforeAll(() => {
      temp = mkdtempSync(join(tmpdir(), "appshelf-site-single-"));
      single = join(temp, "site");
      const { indexDir, trustedKeys } = site();
      astroBuild(indexDir, single, trustedKeys, undefined, { APPSHELF_SITE_HELPERS: "off" });
    }, 600_000);
    afterAll(() => rmSync(temp, { recursive: true, force: true }));

    it("writes the same files byte for byte: pages in both languages, feeds, search index", () => {
      const { siteDir } = site();
      const files = Object.keys(hashes(siteDir));
      for (const path of [
        "apps/harbor/index.html",
        "zh-CN/apps/harbor/index.html",
        "apps/harbor/feed.xml",
        "pagefind/bundles.json",
      ])
        expect(files).toContain(path);
      expect(files.filter((f) => f.startsWith("pagefind/") && f.includes("/fragment/")).length).toBeGreaterThan(5);
      expect(differingFiles(siteDir, single)).toEqual([]);
    });

    it("would see a page differing by one byte (control)", () => {
      const { siteDir } = site();
      const copy = join(temp, "changed");
      cpSync(single, copy, { recursive: true });
      const page = join(copy, "zh-CN/apps/harbor/index.html");
      writeFileSync(page, readFileSync(page, "utf8").replace("</main>", " </main>"));
      expect(differingFiles(siteDir, copy)).toEqual(["zh-CN/apps/harbor/index.html"]);
    });
  });
}
