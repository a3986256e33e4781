import { Ajv, type AnySchema, type AnySchemaObject, type ErrorObject, type Options, type ValidateFunction } from "ajv";
import { Ajv2019 } from "ajv/dist/2019.js";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { re2RegExp } from "../../../sandbox/re2-regexp.ts";

// ajv-formats is CommonJS; under Node's ESM loader its default export is the plugin itself.
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** What compiling a chart's values.schema.json gave. */
export type CompiledValuesSchema =
  | { validate: ValidateFunction }
  /** Not a valid schema: meta-schema errors (paths into the schema) or the compiler's message. */
  | { invalid: ErrorObject[] | string }
  /** A dialect Appshelf cannot check (draft-04); nothing was validated. */
  | { unsupported: string };

const DRAFT_2020 = /^https?:\/\/json-schema\.org\/draft\/2020-12\/schema#?$/;
const DRAFT_2019 = /^https?:\/\/json-schema\.org\/draft\/2019-09\/schema#?$/;
const DRAFT_04 = /^https?:\/\/json-schema\.org\/draft-04\/schema#?$/;

/**
 * Compiles a chart's `values.schema.json` with the ajv build its `$schema` names:
 * 2020-12 and 2019-09 get their own builds; draft-07, draft-06, the undated
 * `http://json-schema.org/schema#` that Bitnami charts use, and no `$schema` at all are
 * read as draft-07 (Helm validated values with gojsonschema, a draft-04/06/07 validator,
 * and recent Helm honours 2019-09/2020-12). Lenient like Helm: unknown keywords and
 * formats are ignored (`strict: false`); known formats are checked (ajv-formats).
 * A new ajv instance per chart, so one chart's `$id`s never clash with another's.
 * Patterns run on RE2 (`code.regExp`, linear time, Go's syntax as in Helm); `$ref`s are
 * compiled as functions, not inlined (`inlineRefs: false`), so generated code grows with
 * the schema, not with the number of paths through it. Untrusted schemas are compiled only
 * in the capped worker (`run-values-schema.ts`), never on the main thread.
 * Never throws for a bad schema (V8's own stack overflow may still throw a RangeError).
 */
export function compileValuesSchema(schema: unknown): CompiledValuesSchema {
  if (typeof schema !== "boolean" && (typeof schema !== "object" || schema === null || Array.isArray(schema))) {
    return { invalid: "a JSON Schema must be an object (or true/false)" };
  }
  const object = typeof schema === "object" ? (schema as AnySchemaObject) : undefined;
  const dialect = typeof object?.$schema === "string" ? object.$schema : "";
  if (DRAFT_04.test(dialect)) return { unsupported: "JSON Schema draft-04" };
  const options: Options = {
    allErrors: true,
    verbose: true,
    strict: false,
    logger: false,
    inlineRefs: false,
    code: { regExp: re2RegExp },
  };
  const modern = DRAFT_2020.test(dialect) || DRAFT_2019.test(dialect);
  const ajv = DRAFT_2020.test(dialect)
    ? new Ajv2020(options)
    : DRAFT_2019.test(dialect)
      ? new Ajv2019(options)
      : new Ajv(options);
  addFormats(ajv);
  // The draft-07 build only knows the dated draft-07 id: read any other dialect as draft-07.
  const compiled: AnySchema = object && !modern ? withoutDialect(object) : (schema as AnySchema);
  if (!ajv.validateSchema(compiled)) return { invalid: [...(ajv.errors ?? [])] };
  try {
    return { validate: ajv.compile(compiled) };
  } catch (cause) {
    if (cause instanceof RangeError) throw cause;
    return { invalid: (cause as Error).message };
  }
}

function withoutDialect(schema: AnySchemaObject): AnySchemaObject {
  const copy = { ...schema };
  delete copy.$schema;
  return copy;
}
