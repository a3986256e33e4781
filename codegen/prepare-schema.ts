/**
 * In-memory rewrites of a JSON Schema before json-schema-to-typescript compiles it. The schema
 * files stay as ajv validates them; these only make the emitted types read like hand-written
 * ones. None changes which values a type admits, except where noted.
 */

/** A JSON Schema (or any node inside one) as parsed JSON. */
export type SchemaNode = { [key: string]: unknown };

const isNode = (v: unknown): v is SchemaNode => typeof v === "object" && v !== null && !Array.isArray(v);

/** `foo-bar_baz` / `fooBar` → `FooBar`. */
export const pascalCase = (name: string): string =>
  name
    .replace(/(^|[-_.])([a-z0-9])/g, (_m, _s, c: string) => c.toUpperCase())
    .replace(/^[a-z]/, (c) => c.toUpperCase());

/** Where an external `$ref` points: the schema file and the `$defs` key (undefined for the file's root). */
export interface ExternalRef {
  file: string;
  def?: string;
}

/** Parses `common.schema.json#/$defs/appId`; undefined for a local ref (`#/…`). Throws on other fragment shapes. */
export function parseExternalRef(ref: string): ExternalRef | undefined {
  if (ref.startsWith("#")) return undefined;
  const [file = "", fragment] = ref.split("#");
  if (fragment === undefined || fragment === "") return { file };
  const def = /^\/\$defs\/([A-Za-z0-9_-]+)$/.exec(fragment)?.[1];
  if (!def) throw new Error(`codegen: unsupported $ref fragment in ${ref} (only #/$defs/<name>)`);
  return { file, def };
}

/**
 * Rewrites `node` (a deep copy is returned):
 * - a `$ref` to a `$defs` entry becomes `tsType: <Name>` (the type generated from that definition, imported when it is in another schema), keeping sibling keywords such as `description`, so each definition is one named type;
 * - `title` goes from every subschema (titles are for editors; json-schema-to-typescript would name a type after each);
 * - `oneOf`/`anyOf` whose branches only list `required` keys (a constraint such as "exactly one of url, path, hosted") goes: a TypeScript type cannot say it and the generator would otherwise open the object to any key;
 * - an object of exactly one of its keys becomes a union of one-key objects (see exactlyOneKey);
 * - keys that are `required` but described only by a schema-valued `additionalProperties` (a translated text's `en`) get that schema as a property, so the type names them.
 *
 * @param refName type name for an external ref, e.g. `{ file: "common.schema.json", def: "appId" }` → `AppId`
 */
export function prepareSchema(node: SchemaNode, refName: (ref: ExternalRef) => string, root = true): SchemaNode {
  const out: SchemaNode = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === "title" && !root) continue;
    if (
      (key === "oneOf" || key === "anyOf") &&
      Array.isArray(value) &&
      value.every((b) => isNode(b) && Object.keys(b).every((k) => k === "required"))
    )
      continue;
    if (key === "$ref" && typeof value === "string") {
      const external = parseExternalRef(value);
      const local = /^#\/\$defs\/([A-Za-z0-9_-]+)$/.exec(value)?.[1];
      if (external || local) {
        out.tsType = external ? refName(external) : pascalCase(local ?? "");
        continue;
      }
    }
    out[key] =
      SCHEMA_MAPS.has(key) && isNode(value)
        ? Object.fromEntries(Object.entries(value).map(([name, sub]) => [name, rewrite(sub, refName)]))
        : rewrite(value, refName);
  }
  const required = Array.isArray(out.required) ? (out.required as string[]) : [];
  if (isNode(out.additionalProperties) && required.length > 0) {
    const properties: SchemaNode = isNode(out.properties) ? { ...out.properties } : {};
    for (const name of required) properties[name] ??= out.additionalProperties;
    out.properties = properties;
  }
  return exactlyOneKey(out);
}

/**
 * An object of exactly one of its listed keys (`minProperties` = `maxProperties` = 1, no
 * other keys: shard.schema.json's artifact metadata) becomes a union of one-key objects, so
 * TypeScript narrows it with `"helm" in metadata`.
 */
function exactlyOneKey(node: SchemaNode): SchemaNode {
  if (
    node.minProperties !== 1 ||
    node.maxProperties !== 1 ||
    node.additionalProperties !== false ||
    !isNode(node.properties)
  )
    return node;
  const { properties, minProperties: _min, maxProperties: _max, ...rest } = node;
  const oneOf = Object.entries(properties).map(([name, schema]) => ({
    type: "object",
    required: [name],
    additionalProperties: false,
    properties: { [name]: schema },
  }));
  return { ...rest, oneOf };
}

/** Keywords whose value maps names to subschemas (the map itself is not a schema). */
const SCHEMA_MAPS = new Set(["properties", "$defs", "definitions", "patternProperties", "dependentSchemas"]);

function rewrite(value: unknown, refName: (ref: ExternalRef) => string): unknown {
  if (Array.isArray(value)) return value.map((v) => rewrite(v, refName));
  return isNode(value) ? prepareSchema(value, refName, false) : value;
}
