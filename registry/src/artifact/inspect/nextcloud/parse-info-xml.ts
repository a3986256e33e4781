import { XMLParser } from "fast-xml-parser";
import type { InfoXml, LocalisedText } from "./info-xml.ts";

/** Top-level elements that may repeat (info.xsd `maxOccurs` above 1). */
const REPEATED = new Set([
  ...["name", "summary", "description", "licence", "author", "category", "screenshot"].map((name) => `info.${name}`),
  "info.dependencies.database",
  "info.dependencies.lib",
]);

/**
 * fast-xml-parser, configured for hostile input (each setting is pinned by
 * `registry/test/hostile/xml.test.ts`). It only ever sees libxml2's canonical output, since
 * on its own it accepts malformed XML (no `XMLValidator` pass is needed after libxml2).
 */
const parser = new XMLParser({
  // Attributes are read (lang, min-version, homepage), under a prefix so that an attribute
  // named `__proto__` or `constructor` is the key `@___proto__`, never a prototype.
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // No entity expansion by the parser; the five predefined entities and character
  // references are decoded by `decodeText` (a DOCTYPE never gets this far).
  processEntities: false,
  htmlEntities: false,
  // Text stays text: otherwise <version>1.10</version> becomes the number 1.1 and <id>1e3</id> 1000.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // Only elements info.xsd lets repeat become lists; a repeat of any other is refused by `single`.
  isArray: (_name, jpath) => REPEATED.has(String(jpath)),
});

/**
 * Reads the metadata of an info.xml with fast-xml-parser.
 *
 * @param canonical the canonical XML text from {@link canonicaliseXml} (well-formed, no
 *   DOCTYPE, no CDATA), so that every text is escaped the same way
 * @returns undefined when the root element is not `<info>`
 * @throws DuplicateElementError when an element info.xsd allows once (`id`, `version`,
 *   `website`, `bugs`, `repository`, `dependencies`, its `nextcloud` and `php`) appears
 *   more than once: fast-xml-parser would silently turn it into a list
 * @throws Error from fast-xml-parser on input it refuses (e.g. reserved element names)
 */
export function parseInfoXml(canonical: string): InfoXml | undefined {
  const root: unknown = parser.parse(canonical);
  const info = child(root, "info");
  if (info === undefined || typeof info !== "object") return undefined;
  const dependencies = single(info, "dependencies");
  const result: InfoXml = {
    id: optionalText(single(info, "id")),
    names: list(info, "name").map(localised),
    summaries: list(info, "summary").map(localised),
    descriptions: list(info, "description").map(localised),
    version: optionalText(single(info, "version")),
    licences: list(info, "licence").map(text),
    authors: list(info, "author").map((author) =>
      dropUndefined({ name: text(author), mail: attribute(author, "mail"), homepage: attribute(author, "homepage") }),
    ),
    categories: list(info, "category").map(text),
    screenshots: list(info, "screenshot").map((shot) =>
      dropUndefined({ url: text(shot), smallThumbnail: attribute(shot, "small-thumbnail") }),
    ),
    website: optionalText(single(info, "website")),
    bugs: optionalText(single(info, "bugs")),
    repository: optionalText(single(info, "repository")),
    nextcloud: versionRange(single(dependencies, "nextcloud")),
    php: versionRange(single(dependencies, "php")),
    documentation: documentation(single(info, "documentation")),
    databases: nonEmpty(list(dependencies, "database").map(namedRange)),
    libs: nonEmpty(list(dependencies, "lib").map(namedRange)),
  };
  return dropUndefined(result);
}

/** An element that appears more than once where info.xsd allows it once. */
export class DuplicateElementError extends Error {
  readonly element: string;
  constructor(element: string, count: number) {
    super(`<${element}> appears ${count} times; info.xsd allows it once`);
    this.element = element;
  }
}

/** A child element that may appear once (info.xsd `maxOccurs="1"`). */
function single(node: unknown, name: string): unknown {
  const value = child(node, name);
  if (Array.isArray(value)) throw new DuplicateElementError(name, value.length);
  return value;
}

function child(node: unknown, name: string): unknown {
  if (node === null || typeof node !== "object" || !Object.hasOwn(node, name)) return undefined;
  return (node as Record<string, unknown>)[name];
}

function list(node: unknown, name: string): unknown[] {
  const value = child(node, name);
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

function text(node: unknown): string {
  const raw = typeof node === "object" && node !== null ? child(node, "#text") : node;
  return typeof raw === "string" || typeof raw === "number" ? decodeText(String(raw)) : "";
}

function optionalText(node: unknown): string | undefined {
  return node === undefined ? undefined : text(node);
}

function attribute(node: unknown, name: string): string | undefined {
  const raw = child(node, `@_${name}`);
  return typeof raw === "string" ? decodeText(raw) : undefined;
}

function localised(node: unknown): LocalisedText {
  const lang = attribute(node, "lang");
  return lang === undefined ? { text: text(node) } : { lang, text: text(node) };
}

function versionRange(node: unknown): { min?: string; max?: string } | undefined {
  if (node === undefined) return undefined;
  return dropUndefined({ min: attribute(node, "min-version"), max: attribute(node, "max-version") });
}

function documentation(node: unknown): InfoXml["documentation"] {
  if (node === undefined) return undefined;
  return dropUndefined({
    user: optionalText(single(node, "user")),
    admin: optionalText(single(node, "admin")),
    developer: optionalText(single(node, "developer")),
  });
}

function nonEmpty<T>(items: T[]): T[] | undefined {
  return items.length > 0 ? items : undefined;
}

function namedRange(node: unknown): { id: string; min?: string; max?: string } {
  return dropUndefined({ id: text(node), min: attribute(node, "min-version"), max: attribute(node, "max-version") });
}

/** Decodes the predefined XML entities and character references left by `processEntities: false`. */
function decodeText(raw: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return raw.replace(
    /&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g,
    (whole, hex?: string, dec?: string, name?: string) => {
      if (name) return named[name] ?? whole;
      const code = hex ? Number.parseInt(hex, 16) : Number(dec);
      return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    },
  );
}

/** Removes undefined properties, so results compare cleanly with `toEqual` and serialise without holes. */
function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
