import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../temp-registry.ts";

// Editors (yaml-language-server) show title, description, examples and default while a person
// writes a manifest; every field a person writes carries them, and every published field is described.

type Node = { [key: string]: unknown };
const isNode = (v: unknown): v is Node => typeof v === "object" && v !== null && !Array.isArray(v);

/** Every property schema of `schema` (and of its `$defs`) by JSON pointer, items and branches included. */
function properties(schema: Node, pointer = ""): [string, Node][] {
  const found: [string, Node][] = [];
  for (const [name, sub] of Object.entries(isNode(schema.properties) ? schema.properties : {})) {
    if (!isNode(sub)) continue;
    found.push([`${pointer}/properties/${name}`, sub], ...properties(sub, `${pointer}/properties/${name}`));
  }
  if (isNode(schema.items)) found.push(...properties(schema.items, `${pointer}/items`));
  for (const [name, sub] of Object.entries(isNode(schema.$defs) ? schema.$defs : {}))
    if (isNode(sub)) found.push(...properties(sub, `${pointer}/$defs/${name}`));
  return found;
}

const load = async (name: string) => JSON.parse(await readFile(path.join(REPO_ROOT, "schema", name), "utf8")) as Node;

/**
 * Description of a field, on the property or, for a `$ref` without one, on the definition it
 * names: `common.schema.json#/$defs/x` in `common`, `#/$defs/x` in `own`, `index.schema.json#/$defs/x` in `index`.
 */
function describedIn(schemas: { common: Node; own: Node; index: Node }, field: Node): boolean {
  if (typeof field.description === "string") return true;
  const ref = typeof field.$ref === "string" ? /^([\w.-]*)#\/\$defs\/(\w+)$/.exec(field.$ref) : null;
  if (!ref) return false;
  const holder =
    ref[1] === ""
      ? schemas.own
      : ref[1] === "common.schema.json"
        ? schemas.common
        : ref[1] === "index.schema.json"
          ? schemas.index
          : undefined;
  const defs = holder?.$defs;
  const def = isNode(defs) ? defs[ref[2] ?? ""] : undefined;
  return isNode(def) && typeof def.description === "string";
}

describe("schemas of the files people write", () => {
  for (const file of ["app.schema.json", "version.schema.json", "publisher.schema.json", "categories.schema.json"]) {
    it(`${file}: every field has a title, a description and examples`, async () => {
      const own = await load(file);
      const schemas = { common: await load("common.schema.json"), own, index: await load("index.schema.json") };
      const missing = properties(own).flatMap(([pointer, field]) => [
        ...(typeof field.title === "string" ? [] : [`${pointer} title`]),
        ...(describedIn(schemas, field) ? [] : [`${pointer} description`]),
        ...(Array.isArray(field.examples) && field.examples.length > 0 ? [] : [`${pointer} examples`]),
      ]);
      expect(missing).toEqual([]);
    });
  }

  it("status fields default to what a new app or version is", async () => {
    expect((await load("app.schema.json")).properties).toMatchObject({ status: { default: "active" } });
    expect((await load("version.schema.json")).properties).toMatchObject({ status: { default: "released" } });
  });
});

describe("schemas of published files", () => {
  for (const file of ["shard.schema.json", "index.schema.json", "catalog.schema.json", "bin.schema.json"]) {
    it(`${file}: every property is described`, async () => {
      const own = await load(file);
      const schemas = { common: await load("common.schema.json"), own, index: await load("index.schema.json") };
      const missing = properties(own).filter(([, field]) => !describedIn(schemas, field));
      expect(missing.map(([pointer]) => pointer)).toEqual([]);
    });
  }
});
