import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { writeFolderAtomically } from "../../src/index/write-output.ts";
import { MarkdownError } from "../../src/errors/markdown-error.ts";
import { MAX_MARKDOWN_DEPTH, renderMarkdown } from "../../src/markdown/render-markdown.ts";
import { parseYaml } from "../../src/manifest/parse-yaml.ts";
import type { AppManifest } from "../../src/manifest/types.ts";
import { markdownRenders } from "../../src/validate/rules/markdown-renders.ts";
import { renderMarkdown as siteRenderMarkdown } from "../../../site/src/lib/markdown.ts";
import fc from "fast-check";
import { nestedMarkdownArbitrary, renderOrRefuse } from "./fuzz/markdown-nesting.ts";
import { REPO_ROOT } from "./hostile-archives.ts";

/**
 * Issue 13, class 4: the validator renders every description with the catalog's own
 * renderer and refuses what cannot be rendered (`description/too-deep`); a build never
 * leaves a partial output folder.
 */
const tmp = mkdtempSync(path.join(tmpdir(), "appshelf-md-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function appFacts(description: string) {
  const base = readFileSync(path.join(REPO_ROOT, "apps/gitea/app.yaml"), "utf8");
  const text = base.replace(
    /^description:\n(?: {2}.*\n| *\n)+/m,
    `description:\n  en: ${JSON.stringify(description)}\n`,
  );
  const parsed = parseYaml("apps/gitea/app.yaml", text);
  return {
    facts: {
      folder: "gitea",
      app: { parsed, data: parsed.data as Partial<AppManifest>, valid: true },
      versions: [],
      categories: new Set<string>(),
    },
    line: text.split("\n").findIndex((l) => l.startsWith('  en: ">')) + 1,
  };
}

describe("Markdown the catalog cannot render", () => {
  it("the site renders with the validator's renderer (one function, same library and options)", () => {
    const text = "# T\n\n<b>raw</b> *x* [l](javascript:alert(1)) ![i](https://x.org/i.png)\n\n> q\n";
    expect(siteRenderMarkdown(text)).toBe(renderMarkdown(text));
    expect(() => siteRenderMarkdown(`${">".repeat(100)} x`)).toThrow(MarkdownError);
    // The site reaches the engine through its API module, which re-exports the renderer itself.
    expect(readFileSync(path.join(REPO_ROOT, "site/src/lib/markdown.ts"), "utf8")).toContain(
      'from "../../../registry/src/site-api.ts"',
    );
    expect(readFileSync(path.join(REPO_ROOT, "registry/src/site-api.ts"), "utf8")).toMatch(
      /export \{[^}]*\brenderMarkdown\b[^}]*\} from "\.\/markdown\/render-markdown\.ts"/,
    );
  });

  it("30,000 '>' : description/too-deep on the description's line, not a crash", () => {
    const { facts, line } = appFacts(`${">".repeat(30_000)} x`);
    expect(markdownRenders(facts)).toEqual([
      expect.objectContaining({
        ruleId: "description/too-deep",
        file: "apps/gitea/app.yaml",
        line,
        message: `description (en): the Markdown nests 30000 levels deep (each quote, list, list item, emphasis and link inside another counts one); at most ${MAX_MARKDOWN_DEPTH} are rendered`,
      }),
    ]);
  });

  it.each([
    ["nested emphasis", `${"*a ".repeat(5000)}b${" a*".repeat(5000)}`],
    ["nested strong", `${"**".repeat(5000)}x${"**".repeat(5000)}`],
    ["nested lists", Array.from({ length: 200 }, (_, i) => `${" ".repeat(i * 2)}- x`).join("\n")],
    ["nested links", `${"[".repeat(5000)}x${"](u)".repeat(5000)}`],
  ])("%s: refused as too-deep before marked recurses", (_what, markdown) => {
    expect(() => renderMarkdown(markdown)).toThrow(MarkdownError);
  });

  it("a real description with quotes, lists and emphasis still renders", () => {
    const { facts } = appFacts(
      "# Gitea\n\nA *self-hosted* **Git** service ([docs](https://docs.gitea.com)).\n\n- one\n  - two\n    - three\n\n> a quote\n> > in a quote\n",
    );
    expect(markdownRenders(facts)).toEqual([]);
  });

  it("fuzz: 200 generated nestings (seed 13) render or are refused with MarkdownError, never a RangeError", () => {
    let refused = 0;
    fc.assert(
      fc.property(nestedMarkdownArbitrary(), (markdown) => {
        if (renderOrRefuse(markdown).refused) refused++;
      }),
      { seed: 13, numRuns: 200 },
    );
    expect(refused).toBeGreaterThan(10);
    expect(refused).toBeLessThan(190);
  });
});

describe("no partial output folder", () => {
  it("a build that fails half-way leaves the previous folder as it was and no temporary folder", async () => {
    const out = path.join(tmp, "site");
    mkdirSync(out);
    writeFileSync(path.join(out, "index.html"), "old");
    const failed = writeFolderAtomically(out, async (staging) => {
      writeFileSync(path.join(staging, "index.html"), "half");
      await Promise.resolve();
      throw new RangeError("Maximum call stack size exceeded");
    });
    await expect(failed).rejects.toThrow("Maximum call stack size exceeded");
    expect(readFileSync(path.join(out, "index.html"), "utf8")).toBe("old");
    expect(readdirSync(tmp)).toEqual(["site"]);
  });

  it("a build that succeeds replaces the folder whole", async () => {
    const out = path.join(tmp, "site2");
    await writeFolderAtomically(out, (staging) => Promise.resolve(writeFileSync(path.join(staging, "a.html"), "new")));
    expect(readdirSync(out)).toEqual(["a.html"]);
    expect(existsSync(path.join(tmp, "site2.old"))).toBe(false);
  });

  it("npm run build:site builds through the atomic writer", () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts["build:site"]).toBe("node site/scripts/build-site.ts");
    expect(readFileSync(path.join(REPO_ROOT, "site/scripts/build-site.ts"), "utf8")).toContain(
      "writeFolderAtomically(outDir",
    );
  });
});
