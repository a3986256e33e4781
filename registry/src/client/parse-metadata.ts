import { schemaCheck, type SchemaKind } from "../json/schemas.ts";
import { ClientError } from "../errors/client-error.ts";

/**
 * Parses a metadata file (index, catalog, bin, shard) and checks it against its schema in
 * `schema/`, so nothing downstream meets an unexpected shape.
 *
 * @throws ClientError `invalid-metadata` naming the file and the first problems.
 */
export function parseMetadata<T>(bytes: Buffer, kind: SchemaKind, what: string): T {
  let value: unknown;
  try {
    value = JSON.parse(bytes.toString("utf8"));
  } catch (cause) {
    throw new ClientError("invalid-metadata", `${what} is not JSON: ${(cause as Error).message}`);
  }
  const errors = schemaCheck(kind)(value);
  if (errors.length > 0) {
    const list = errors
      .slice(0, 3)
      .map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`)
      .join("; ");
    throw new ClientError(
      "invalid-metadata",
      `${what} does not match schema/${kind}.schema.json: ${list}`,
      "the client may be older than the registry's format; update appshelf",
    );
  }
  return value as T;
}
