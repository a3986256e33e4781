import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";

/** The schema kinds Appshelf validates against, each a file `schema/<kind>.schema.json`. */
export type SchemaKind =
  | "app"
  | "version"
  | "categories"
  | "publisher"
  | "index"
  | "shard"
  | "catalog"
  | "bin"
  | "signature"
  | "trusted-keys"
  | "stats"
  | "ledger"
  | "names"
  | "review-record"
  | "reviews"
  | "review-queue"
  | "nextcloud-api-apps"
  | "nextcloud-api-categories"
  | "nextcloud-api-platforms";

/** A compiled validator: returns ajv errors (empty when the value is valid). */
export type SchemaCheck = (value: unknown) => ErrorObject[];

/**
 * Folder holding the JSON Schemas shipped with Appshelf (`<repo>/schema`). Bundled code (the
 * catalog's Astro build), whose module URL is not this file's, sets `APPSHELF_SCHEMA_DIR`.
 */
export const SCHEMA_DIR =
  process.env.APPSHELF_SCHEMA_DIR || path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../schema");

const KINDS: readonly SchemaKind[] = [
  "app",
  "version",
  "categories",
  "publisher",
  "index",
  "shard",
  "catalog",
  "bin",
  "signature",
  "trusted-keys",
  "stats",
  "ledger",
  "names",
  "review-record",
  "reviews",
  "review-queue",
  "nextcloud-api-apps",
  "nextcloud-api-categories",
  "nextcloud-api-platforms",
];

// ajv-formats is CommonJS; under Node's ESM loader its default export is the plugin itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => Ajv2020;

let compiled: Map<SchemaKind, ValidateFunction> | undefined;
let shared: Ajv2020 | undefined;
const definitions = new Map<string, ValidateFunction>();

/**
 * Returns the validator for one schema kind. All schemas are compiled once per process
 * (JSON Schema 2020-12, ajv strict mode, all errors, formats from ajv-formats).
 *
 * @throws Error when a schema file is missing or is not a valid schema.
 */
export function schemaCheck(kind: SchemaKind): SchemaCheck {
  compiled ??= compileAll();
  const validate = compiled.get(kind);
  if (!validate) throw new Error(`no schema for ${kind}`);
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}

/**
 * The validator of one definition inside the shipped schemas, by JSON pointer from the
 * schema folder, e.g. `common.schema.json#/$defs/appId` or
 * `version.schema.json#/properties/chart`: the same rule a manifest field is held to, for
 * values that come from elsewhere (an imported Helm index, a republished Chart.yaml).
 *
 * @throws Error when the pointer names no schema.
 */
export function schemaDefinitionCheck(pointer: string): SchemaCheck {
  compiled ??= compileAll();
  let validate = definitions.get(pointer);
  if (!validate) {
    validate = shared?.getSchema(`https://appshelf.dev/schema/${pointer}`);
    if (!validate) throw new Error(`no schema definition ${pointer}`);
    definitions.set(pointer, validate);
  }
  const found = validate;
  return (value) => (found(value) ? [] : [...(found.errors ?? [])]);
}

function compileAll(): Map<SchemaKind, ValidateFunction> {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true });
  shared = ajv;
  addFormats(ajv);
  const read = (name: string) => JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), "utf8")) as object;
  ajv.addSchema(read("common.schema.json"));
  for (const kind of KINDS) ajv.addSchema(read(`${kind}.schema.json`));
  const map = new Map<SchemaKind, ValidateFunction>();
  for (const kind of KINDS) {
    const validate = ajv.getSchema(`https://appshelf.dev/schema/${kind}.schema.json`);
    if (!validate) throw new Error(`schema ${kind}.schema.json did not compile`);
    map.set(kind, validate);
  }
  return map;
}
