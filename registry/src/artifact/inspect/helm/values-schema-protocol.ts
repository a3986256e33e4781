import type { ErrorObject } from "ajv";

/**
 * One job for the values-schema worker: the text of a chart's values.schema.json (already
 * known to be JSON; sent as text because cloning a deeply nested object overflows the
 * sender's stack) and the parsed values.yaml.
 */
export interface ValuesSchemaRequest {
  schemaText: string;
  values: unknown;
}

/** Most ajv errors sent back per job; the rest are counted (diagnostics are capped per file anyway). */
export const MAX_SCHEMA_ERRORS = 200;

/**
 * The worker's answer: the values satisfy the schema; they do not (`errors`, without ajv's
 * `schema`/`parentSchema` copies, `total` counting all); the schema is invalid or in an
 * unsupported dialect (see `compileValuesSchema`); or compiling or validating overflowed
 * the stack (`too-complex`).
 */
export type ValuesSchemaReply =
  | { kind: "valid" }
  | { kind: "errors"; errors: ErrorObject[]; total: number }
  | { kind: "invalid"; invalid: ErrorObject[] | string }
  | { kind: "unsupported"; dialect: string }
  | { kind: "too-complex"; reason: string };
