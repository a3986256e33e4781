import { Ajv2020, type ErrorObject, type ValidateFunction } from "ajv/dist/2020.js";
import policySchema from "../../../schema/review-policy.schema.json" with { type: "json" };
import snapshotSchema from "../../../schema/review-snapshot.schema.json" with { type: "json" };

/** A compiled check: ajv errors for `value` (empty when valid); fills in schema defaults. */
export type ReviewSchemaCheck = (value: unknown) => ErrorObject[];

let compiled: { policy: ValidateFunction; snapshot: ValidateFunction } | undefined;

/**
 * Validators for `schema/review-policy.schema.json` and `schema/review-snapshot.schema.json`
 * (JSON Schema 2020-12, ajv strict mode, all errors, `useDefaults`: missing optional
 * properties get their schema default, so the schema is the one source of defaults).
 * The schemas are imported as JSON modules: no file system access, so `review/` stays pure.
 * Compiled once per process.
 */
export function reviewSchemaCheck(kind: "policy" | "snapshot"): ReviewSchemaCheck {
  compiled ??= compile();
  const validate = compiled[kind];
  return (value) => (validate(value) ? [] : [...(validate.errors ?? [])]);
}

function compile(): { policy: ValidateFunction; snapshot: ValidateFunction } {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, verbose: true, useDefaults: true });
  return { policy: ajv.compile(policySchema), snapshot: ajv.compile(snapshotSchema) };
}
