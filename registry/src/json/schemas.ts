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

let shared: Ajv2020 | undefined;
const compiled = new Map<SchemaKind, ValidateFunction>();
const definitions = new Map<string, ValidateFunction>();

/**
 * Returns the validator for one schema kind (JSON Schema 2020-12, ajv strict mode, all
 * errors, formats from ajv-formats). Every shipped schema is added once per process; each
 * kind is compiled the first time it is asked for, so a run compiles only what it checks
 * (a warm `appshelf build` answered from whole-app results never compiles the manifest
 * schemas: about 0.4 s per thread).
 *
 * @throws Error when a schema file is missing or the kind's schema does not compile.
 */
export function schemaCheck(kind: SchemaKind): SchemaCheck {
  let validate = compiled.get(kind);
  if (!validate) {
    validate = schemaAjv().getSchema(`${SCHEMA_BASE}${kind}.schema.json`);
    if (!validate) throw new Error(`schema ${kind}.schema.json did not compile`);
    compiled.set(kind, validate);
  }
  const found = validate;
  return (value) => (found(value) ? [] : [...(found.errors ?? [])]);
}

/**
 * Compiles `kinds` now (see {@link schemaCheck}), e.g. while waiting for another process, so
 * that checking a value later does not compile on the spot.
 *
 * @throws Error as {@link schemaCheck}
 */
export function compileSchemas(kinds: readonly SchemaKind[]): void {
  for (const kind of kinds) schemaCheck(kind);
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
  let validate = definitions.get(pointer);
  if (!validate) {
    validate = schemaAjv().getSchema(`${SCHEMA_BASE}${pointer}`);
    if (!validate) throw new Error(`no schema definition ${pointer}`);
    definitions.set(pointer, validate);
  }
  const found = validate;
  return (value) => (found(value) ? [] : [...(found.errors ?? [])]);
}

/** The `$id` prefix of every shipped schema. */
const SCHEMA_BASE = "https://appshelf.dev/schema/";

/** Every file name under {@link SCHEMA_DIR} that {@link schemaAjv} adds: the shared definitions, then one per kind. */
export const SCHEMA_FILES: readonly string[] = ["common.schema.json", ...KINDS.map((kind) => `${kind}.schema.json`)];

/**
 * The process's one ajv instance holding every shipped schema, added but not compiled.
 * Schemas are not checked against the JSON Schema meta-schema here (compiling the meta-schema
 * with all errors and verbose output costs about 0.25 s per thread): they ship with the code
 * and `registry/src/json/schemas.test.ts` checks every one of them against it; strict mode
 * still refuses an unknown keyword or format when a kind is compiled.
 */
function schemaAjv(): Ajv2020 {
  if (shared) return shared;
  const ajv = new Ajv2020({
    allErrors: true,
    strict: true,
    strictRequired: false,
    verbose: true,
    validateSchema: false,
  });
  addFormats(ajv);
  for (const name of SCHEMA_FILES)
    ajv.addSchema(JSON.parse(readFileSync(path.join(SCHEMA_DIR, name), "utf8")) as object);
  shared = ajv;
  return ajv;
}
