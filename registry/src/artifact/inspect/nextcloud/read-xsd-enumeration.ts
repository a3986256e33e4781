import { XMLParser } from "fast-xml-parser";

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  processEntities: false,
  parseAttributeValue: false,
});

/**
 * The values of an enumerated simple type of an XSD, e.g. `category` in info.xsd ->
 * `["dashboard", "security", …, "ai"]`. Lets the rules take Nextcloud's lists from the
 * official schema instead of a copy.
 *
 * @param xsd the schema text (prefix `xs:`, as info.xsd writes it)
 * @param typeName `name` of the top-level `<xs:simpleType>`
 * @returns the `<xs:enumeration value>`s in schema order; empty when the type is not found
 */
export function readXsdEnumeration(xsd: string, typeName: string): string[] {
  const schema = asObject(asObject(parser.parse(xsd))?.["xs:schema"]);
  const type = asList(schema?.["xs:simpleType"])
    .map(asObject)
    .find((t) => t?.["@_name"] === typeName);
  const restriction = asObject(type?.["xs:restriction"]);
  return asList(restriction?.["xs:enumeration"])
    .map((e) => asObject(e)?.["@_value"])
    .filter((v): v is string => typeof v === "string");
}

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function asList(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}
