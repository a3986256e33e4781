import { createHash } from "node:crypto";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { close, createIndex } from "pagefind";
import { describe, expect, it } from "vitest";
import { appPagesByBundle } from "../src/integrations/search-index.ts";
import { searchDocument } from "../src/integrations/search-document.ts";

/** SHA-256 of every file Pagefind writes for `pages` (the whole page, or its search document). */
async function indexHashes(siteDir: string, pages: string[], trim: boolean): Promise<Record<string, string>> {
  const out = mkdtempSync(join(tmpdir(), "appshelf-search-doc-"));
  try {
    const { index } = await createIndex({ rootSelector: "html" });
    for (const sourcePath of pages) {
      const html = readFileSync(join(siteDir, sourcePath), "utf8");
      await index!.addHTMLFile({ sourcePath, content: trim ? searchDocument(html) : html });
    }
    await index!.writeFiles({ outputPath: out });
    const files = readdirSync(out, { recursive: true, withFileTypes: true }).filter((e) => e.isFile());
    return Object.fromEntries(
      files.map((e) => [
        relative(out, join(e.parentPath, e.name)),
        createHash("sha256")
          .update(readFileSync(join(e.parentPath, e.name)))
          .digest("hex"),
      ]),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Pagefind given each listed app page's search document writes the same index as given the whole page. */
export function describeSearchDocuments(site: () => { siteDir: string }): void {
  describe("search documents", () => {
    it("are a small part of each listed app page, from which Pagefind writes the same index byte for byte", async () => {
      const { siteDir } = site();
      const listed = appPagesByBundle(siteDir)
        .flatMap(([, paths]) => paths)
        .filter((p) => readFileSync(join(siteDir, p), "utf8").includes("data-pagefind-body"));
      expect(listed.length).toBeGreaterThan(4);
      for (const p of listed) {
        const html = readFileSync(join(siteDir, p), "utf8");
        expect(searchDocument(html).length, p).toBeLessThan(html.length / 2);
      }
      try {
        expect(await indexHashes(siteDir, listed, true)).toEqual(await indexHashes(siteDir, listed, false));
      } finally {
        await close();
      }
    }, 120_000);
  });
}
