import { readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import type { Diagnostic } from "../../src/report/diagnostic.ts";
import { aScaleRegistry } from "./scale-registry.ts";

/** The diagnostics of one run, as plain data (file, line, rule, message). */
const diagnosticsOf = async (options: Parameters<typeof validateRegistry>[0]): Promise<Diagnostic[]> =>
  (await validateRegistry(options)).diagnostics;

describe("the rule results kept in the manifest cache follow everything the rules read", () => {
  it("a warm run reports what a run without the cache reports after the category list, a publisher record or a description changes", async () => {
    const { options, root, cacheDir } = await aScaleRegistry();
    const cached = { ...options, manifestCacheDir: cacheDir };
    const file = (rel: string) => path.join(root, rel);
    let before = await diagnosticsOf(options);
    expect(await diagnosticsOf(cached)).toEqual(before); // cold: fills the cache
    expect(await diagnosticsOf(cached)).toEqual(before); // warm: rules answered from it
    const changes: [string, () => Promise<void>, string][] = [
      [
        "a category the apps name is removed from the list",
        async () => {
          const list = await readFile(file("schema/categories.yaml"), "utf8");
          const kept = list.replace(/ {2}- id: ai\n(?: {4}.*\n)+/, "");
          expect(kept).not.toBe(list);
          await writeFile(file("schema/categories.yaml"), kept);
        },
        "app/category-exists",
      ],
      [
        "a publisher record the apps name is deleted",
        () => rm(file(".github/appshelf/publishers/publisher-3.yaml")),
        "app/publisher-exists",
      ],
      [
        "a description nests deeper than the catalog renders",
        async () => {
          const app = file("apps/app-0010/app.yaml");
          const manifest = parse(await readFile(app, "utf8")) as { description: Record<string, string> };
          manifest.description.en = `${"> ".repeat(40)}deep`;
          await writeFile(app, stringify(manifest));
        },
        "description/too-deep",
      ],
    ];
    for (const [what, change, rule] of changes) {
      await change();
      const expected = await diagnosticsOf(options);
      expect(expected, what).not.toEqual(before);
      expect(
        expected.some((d) => d.ruleId === rule),
        what,
      ).toBe(true);
      expect(await diagnosticsOf(cached), what).toEqual(expected);
      expect(await diagnosticsOf({ ...cached, threads: 2 }), what).toEqual(expected);
      before = expected;
    }
  });
});
