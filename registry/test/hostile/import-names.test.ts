import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import fc from "fast-check";
import { parse, stringify } from "yaml";
import { describe, expect, it } from "vitest";
import { openMirror } from "../../src/artifact/mirror.ts";
import { DEFAULT_FETCH_LIMITS } from "../../src/artifact/fetch-artifact.ts";
import { importHelm, ImportError } from "../../src/import/import-helm.ts";
import { CORPUS } from "../temp-registry.ts";

/**
 * Import (issue 13, class 8): a chart name read from a Helm repository index goes through
 * the manifests' name rules before any path is built. Generated: chart names that climb
 * (`../`, `..\`, percent-encoded dots, absolute paths), hide characters or use another
 * alphabet, put into Harbor's real repository index; nothing may be written anywhere.
 */
const HARBOR_INDEX = path.join(CORPUS, "helm/index/harbor-helm-published-index.yaml");
const PIECES = [
  "../",
  "..",
  "/",
  "\\",
  "..\\",
  "%2e%2e/",
  "%2f",
  "/etc/",
  "C:",
  "\u0000",
  "\n",
  "\u202e",
  "Harbor",
  "hаrbor",
  "ｈarbor",
  " ",
  ".",
  "~",
  "$HOME",
  "x".repeat(70),
];

/** Names that break the chart-name rule: at least one hostile piece, around plain letters. */
const hostileChartName = fc
  .tuple(
    fc.stringMatching(/^[a-z0-9-]{0,6}$/),
    fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 4 }),
    fc.stringMatching(/^[a-z0-9-]{0,6}$/),
  )
  .map(([before, pieces, after]) => `${before}${pieces.join("")}${after}`);

async function listTree(dir: string): Promise<string[]> {
  return (await readdir(dir, { recursive: true })).map(String).sort();
}

describe("import helm: chart names from an index are checked before any path is built", () => {
  it("refuses generated hostile chart names with helm/chart-name and app/id-format, writing nothing (40 cases)", async () => {
    const index = parse(await readFile(HARBOR_INDEX, "utf8")) as { entries: Record<string, { name: string }[]> };
    const harbor = (index.entries.harbor ?? []).slice(0, 3);
    const { mirror } = await openMirror([CORPUS]);
    const sandbox = await mkdtemp(path.join(tmpdir(), "appshelf-import-names-"));
    try {
      await fc.assert(
        fc.asyncProperty(hostileChartName, async (name) => {
          const case_ = await mkdtemp(path.join(sandbox, "case-"));
          const root = path.join(case_, "a", "b", "registry");
          await mkdir(path.join(root, "apps"), { recursive: true });
          const source = path.join(case_, "index.yaml");
          await writeFile(
            source,
            stringify({ apiVersion: "v1", entries: { [name]: harbor.map((v) => ({ ...v, name })) } }),
          );
          const before = await listTree(case_);
          const request = {
            root,
            source,
            options: {
              chart: name,
              appId: name,
              repoUrl: "https://helm.goharbor.io",
              maintainers: ["x"],
              categories: ["developer-tools"],
              license: "Apache-2.0",
            },
            mirror,
            offline: true,
            limits: DEFAULT_FETCH_LIMITS,
          };
          const refused = await importHelm(request).then(
            () => undefined,
            (cause: unknown) => cause,
          );
          expect(refused, JSON.stringify(name)).toBeInstanceOf(ImportError);
          expect((refused as ImportError).diagnostics.map((d) => d.ruleId).sort()).toEqual([
            "app/id-format",
            "helm/chart-name",
          ]);
          expect(await listTree(case_)).toEqual(before);
          await rm(case_, { recursive: true, force: true });
        }),
        { seed: 13, numRuns: 40 },
      );
      expect(await readdir(sandbox)).toEqual([]);
    } finally {
      await rm(sandbox, { recursive: true, force: true });
    }
  });

  it("a good app id does not launder a bad chart name", async () => {
    const { mirror } = await openMirror([CORPUS]);
    const request = {
      root: tmpdir(),
      source: HARBOR_INDEX,
      options: { chart: "../../x", appId: "harbor", maintainers: [], categories: [] },
      mirror,
      offline: true,
      limits: DEFAULT_FETCH_LIMITS,
    };
    await expect(importHelm(request)).rejects.toMatchObject({
      diagnostics: [{ ruleId: "helm/chart-name", file: HARBOR_INDEX }],
    });
  });
});
