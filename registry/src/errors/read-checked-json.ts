import { schemaCheck, type SchemaKind } from "../json/schemas.ts";
import { InputError } from "./appshelf-error.ts";

/**
 * The data in JSON `bytes` (UTF-8), checked against `schema/<kind>.schema.json` (ajv, via
 * `schemaCheck`): what every reader of a published or committed JSON file (ledger, name
 * table, signature, trusted keys) starts with, before its own checks.
 *
 * @param rule the error's rule id, e.g. `input/ledger`
 * @param where the file or URL, for messages
 * @param most most schema errors named in the message (all by default)
 * @throws InputError (`rule`): `<where> is not JSON: …`, or `<where> does not match
 *   schema/<kind>.schema.json: <instance path> <message>; …`
 */
export function readCheckedJson(
  bytes: Uint8Array,
  kind: SchemaKind,
  rule: string,
  where: string,
  most = Number.POSITIVE_INFINITY,
): unknown {
  let data: unknown;
  try {
    data = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("utf8"));
  } catch (cause) {
    throw new InputError(rule, `${where} is not JSON: ${(cause as Error).message}`);
  }
  const errors = schemaCheck(kind)(data);
  if (errors.length > 0)
    throw new InputError(
      rule,
      `${where} does not match schema/${kind}.schema.json: ${errors
        .slice(0, most)
        .map((e) => `${e.instancePath || "/"} ${e.message}`)
        .join("; ")}`,
    );
  return data;
}
