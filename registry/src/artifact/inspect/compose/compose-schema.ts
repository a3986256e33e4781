import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { readReferenceFile } from "../reference-files.ts";
import { re2RegExp } from "../../../sandbox/re2-regexp.ts";

/** The Compose Specification validator, or why it is not available. */
export type ComposeSchema = { check: (data: unknown) => ErrorObject[] } | { unavailable: string };

const DRAFT_07 = /^https?:\/\/json-schema\.org\/draft-07\/schema#?$/;
const compiled = new WeakMap<Buffer, ComposeSchema>();

/**
 * Loads the Compose Specification JSON schema (compose-spec/compose-spec
 * `schema/compose-spec.json`, read as the reference file `compose/compose-spec.json`,
 * never copied into Appshelf) and compiles it once per process with ajv's draft-07 build.
 * The file's `$schema` is `https://json-schema.org/draft-07/schema` without the `#` that
 * ajv registers, so it is checked here and dropped. `strict: false` and formats off:
 * revisions of the schema use `format` values (`duration`, ...) that only Compose's own
 * loader defines, and strict ajv refuses unknown formats and keywords. Its patterns run on
 * RE2 (`re2RegExp`, linear time): they are matched against untrusted Compose files.
 *
 * @returns `unavailable` with the reason when the file is missing or not a draft-07 schema
 */
export async function loadComposeSchema(): Promise<ComposeSchema> {
  const bytes = await readReferenceFile("compose/compose-spec.json");
  if (!bytes) return { unavailable: "compose/compose-spec.json is not in the reference folder" };
  let schema = compiled.get(bytes);
  if (!schema) {
    schema = compile(bytes);
    compiled.set(bytes, schema);
  }
  return schema;
}

function compile(bytes: Buffer): ComposeSchema {
  try {
    const { $schema, ...schema } = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    if (typeof $schema === "string" && !DRAFT_07.test($schema))
      return { unavailable: `compose-spec.json is written in ${$schema}, not draft-07` };
    const validate: ValidateFunction = new Ajv({
      allErrors: true,
      verbose: true,
      strict: false,
      logger: false,
      validateFormats: false,
      code: { regExp: re2RegExp },
    }).compile(schema);
    return { check: (data) => (validate(data) ? [] : [...(validate.errors ?? [])]) };
  } catch (cause) {
    return { unavailable: `compose-spec.json cannot be used: ${(cause as Error).message}` };
  }
}
