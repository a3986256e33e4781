import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../temp-registry.ts";

const SCHEMAS = ["review-policy", "review-snapshot", "review-queue", "review-record"];

/** JSON paths of properties without a `description` (on the property or its `$ref`'d definition). */
function undocumented(schema: Record<string, unknown>, at = "#"): string[] {
  const missing: string[] = [];
  const defs = (schema.$defs ?? {}) as Record<string, Record<string, unknown>>;
  const walk = (node: unknown, where: string) => {
    if (typeof node !== "object" || node === null) return;
    const n = node as Record<string, unknown>;
    for (const [name, prop] of Object.entries((n.properties ?? {}) as Record<string, Record<string, unknown>>)) {
      const ref = typeof prop.$ref === "string" ? defs[prop.$ref.replace("#/$defs/", "")] : undefined;
      if (typeof prop.description !== "string" && typeof ref?.description !== "string")
        missing.push(`${where}/properties/${name}`);
    }
    for (const [key, value] of Object.entries(n)) walk(value, `${where}/${key}`);
  };
  walk(schema, at);
  return missing;
}

describe("review schemas", () => {
  it.each(SCHEMAS)("%s.schema.json is JSON Schema 2020-12 and every property has a description", async (name) => {
    const schema = JSON.parse(await readFile(path.join(REPO_ROOT, "schema", `${name}.schema.json`), "utf8")) as Record<
      string,
      unknown
    >;
    expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
    expect(schema.$id).toBe(`https://appshelf.dev/schema/${name}.schema.json`);
    expect(undocumented(schema)).toEqual([]);
  });

  it("the check is live: a property without a description is found", () => {
    expect(undocumented({ properties: { a: { type: "string" } } })).toEqual(["#/properties/a"]);
  });
});
