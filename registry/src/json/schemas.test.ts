import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import { describe, expect, it } from "vitest";
import { SCHEMA_DIR, SCHEMA_FILES, type SchemaKind, schemaCheck } from "./schemas.ts";

/** JSON Schema 2020-12 meta-schema errors of one schema document (ajv's own meta-schema). */
function metaErrors(schema: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true });
  return ajv.validateSchema(schema as object) ? [] : (ajv.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const shipped = readdirSync(SCHEMA_DIR).filter((name) => name.endsWith(".schema.json"));

describe("the shipped JSON Schemas", () => {
  it("hold every schema the validator adds (so the meta-schema check below covers them all)", () => {
    expect(SCHEMA_FILES.filter((name) => !shipped.includes(name))).toEqual([]);
  });

  it.each(shipped)("%s is a valid JSON Schema 2020-12 document (the check the runtime leaves out)", (name) => {
    const schema = JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), "utf8")) as unknown;
    expect(metaErrors(schema)).toEqual([]);
  });

  it("the meta-schema check finds a broken schema", () => {
    expect(metaErrors({ $schema: "https://json-schema.org/draft/2020-12/schema", type: "strnig" })).not.toEqual([]);
    expect(metaErrors({ $schema: "https://json-schema.org/draft/2020-12/schema", required: "id" })).not.toEqual([]);
  });

  it.each(SCHEMA_FILES.filter((name) => name !== "common.schema.json"))("%s compiles in strict mode", (name) => {
    const kind = name.replace(/\.schema\.json$/, "") as SchemaKind;
    expect(typeof schemaCheck(kind)).toBe("function");
  });

  it("a compiled kind still refuses what its schema refuses", () => {
    expect(schemaCheck("categories")({ formatVersion: "one" })).not.toEqual([]);
  });
});
