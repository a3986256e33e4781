import { cp, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { withCategoryIds } from "../../../codegen/category-ids.ts";
import { generateTypes, TYPES_TARGETS } from "../../../codegen/schema-types.ts";
import { REPO_ROOT, tempDir } from "../temp-registry.ts";

// Types and the category enum are generated (npm run gen:types); these tests fail when a schema
// or categories.yaml changed and the generated files were not regenerated.

const SCHEMA_DIR = path.join(REPO_ROOT, "schema");
const committed = (file: string) => readFile(path.join(REPO_ROOT, file), "utf8");
const target = (schema: string) => TYPES_TARGETS.find((t) => t.schema === schema) ?? expect.fail(`no target ${schema}`);

describe("generated types match the schemas (run npm run gen:types after changing a schema)", () => {
  for (const t of TYPES_TARGETS) {
    it(`${t.out} is generated from schema/${t.schema}`, async () => {
      expect(await generateTypes(t, SCHEMA_DIR)).toBe(await committed(t.out));
    });
  }

  it("common.schema.json's categoryId enum is generated from categories.yaml", async () => {
    const common = await committed("schema/common.schema.json");
    expect(withCategoryIds(common, await committed("schema/categories.yaml"))).toBe(common);
  });
});

describe("the drift tests catch a change", () => {
  it("a schema field changed without regenerating gives other types than the committed ones", async () => {
    const dir = await tempDir();
    await cp(SCHEMA_DIR, dir, { recursive: true });
    const app = JSON.parse(await readFile(path.join(dir, "app.schema.json"), "utf8")) as {
      properties: Record<string, { type?: string }>;
    };
    app.properties.license = { type: "number" };
    await writeFile(path.join(dir, "app.schema.json"), JSON.stringify(app));
    const drifted = await generateTypes(target("app.schema.json"), dir);
    expect(drifted).toContain("license: number;");
    expect(drifted).not.toBe(await committed(target("app.schema.json").out));
  });

  it("a category added to categories.yaml without regenerating changes the enum", async () => {
    const common = await committed("schema/common.schema.json");
    const yaml = `${await committed("schema/categories.yaml")}  - id: gardening\n    name: { en: Gardening }\n`;
    const regenerated = withCategoryIds(common, yaml);
    expect(regenerated).not.toBe(common);
    expect(regenerated).toContain('"gardening"]');
  });
});
