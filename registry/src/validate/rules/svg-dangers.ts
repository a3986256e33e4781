import { XMLParser, XMLValidator } from "fast-xml-parser";
import { SVG_ATTRIBUTES, SVG_ELEMENTS, SVG_NAMESPACE, XLINK_NAMESPACE, XML_NAMESPACE } from "./svg-allowlist.ts";

/**
 * Names of well-known dangerous elements (lower-cased local name, any namespace), only to
 * word the refusal: what is refused is everything outside the allowlist
 * (`svg-allowlist.ts`). Scripts and their SVG Tiny 1.2 handlers, embedded HTML, nested
 * documents, and animations (SMIL `set`/`animate` can rewrite an `href` to `javascript:`
 * after any static check).
 */
const FORBIDDEN_ELEMENTS: Readonly<Record<string, string>> = {
  script: "a <script> element",
  handler: "a <handler> element (SVG Tiny event handler)",
  listener: "a <listener> element (SVG Tiny event listener)",
  foreignobject: "a <foreignObject> element",
  iframe: "an <iframe> element",
  embed: "an <embed> element",
  object: "an <object> element",
  set: "a <set> animation",
  animate: "an <animate> animation",
  animatemotion: "an <animateMotion> animation",
  animatetransform: "an <animateTransform> animation",
  animatecolor: "an <animateColor> animation",
  discard: "a <discard> element",
};

/** `href` values that stay inside the icon: a fragment, or an embedded raster image. */
const SELF_CONTAINED_HREF = /^(#|data:image\/(png|jpeg|gif|webp);)/i;

/** CSS that loads other documents or hides what it does from this check. */
const CSS_DANGERS: readonly [RegExp, string][] = [
  [/url\s*\(\s*(?!["']?#)/i, "a CSS url() that is not a #fragment"],
  [/@import/i, "a CSS @import"],
  [/image-set\s*\(|\bsrc\s*\(/i, "a CSS image-set() or src()"],
  [/\\/, "a CSS escape (backslash)"],
  [/expression\s*\(|javascript:/i, "script in CSS"],
];

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  // Entities are decoded by `decode` below, so that `&#106;avascript:` is checked as the browser reads it.
  processEntities: false,
  htmlEntities: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignorePiTags: false,
  commentPropName: "#comment",
});

/**
 * What makes an SVG icon unsafe to serve from the catalog's origin (opened directly, an
 * SVG runs its scripts, loads what it references and follows a meta refresh), each as a
 * phrase such as `"a <script> element"`; empty when it is a self-contained drawing. The
 * text must be well-formed XML without DOCTYPE or entity declarations. Then it is checked
 * against an allowlist (`svg-allowlist.ts`), with namespaces resolved as a browser does
 * (`xmlns` and `xmlns:p` declarations, inherited): the root is `<svg>` in the SVG
 * namespace; every element is an SVG drawing element in the SVG namespace (so XHTML `img`,
 * `video`, `iframe`, `meta`… are refused whatever their prefix); every attribute is a
 * drawing attribute, `xmlns` declarations, `xml:space`/`xml:lang` or `xlink:href`.
 * Values are checked after decoding character references: `href`/`xlink:href` only a
 * `#fragment` or an embedded PNG/JPEG/GIF/WebP, no `javascript:` anywhere, CSS in `style`
 * attributes and `<style>` elements loading nothing but a `#fragment`. Processing
 * instructions other than the XML declaration are refused (`<?xml-stylesheet?>`).
 */
export function svgDangers(text: string): string[] {
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) return ["a DOCTYPE or entity declaration"];
  if (XMLValidator.validate(text) !== true) return ["markup that is not well-formed XML"];
  const found = new Set<string>();
  try {
    const nodes = parser.parse(text) as unknown[];
    const root = nodes.find(
      (node) =>
        typeof node === "object" &&
        node !== null &&
        Object.keys(node).some((key) => !key.startsWith("?") && !key.startsWith("#")),
    );
    const rootName = root
      ? Object.keys(root).find((key) => !key.startsWith("?") && !key.startsWith("#") && key !== ":@")
      : undefined;
    const rootScope = rootName
      ? scopeOf((root as Record<string, unknown>)[":@"], new Map())
      : new Map<string, string>();
    if (!rootName || localName(rootName) !== "svg" || namespaceOf(rootName, rootScope) !== SVG_NAMESPACE)
      found.add("a root element other than <svg> in the SVG namespace");
    walk(nodes, found, false, new Map());
  } catch (cause) {
    return [`markup the XML reader refuses (${(cause as Error).message.split("\n")[0] ?? ""})`];
  }
  return [...found];
}

function walk(
  nodes: readonly unknown[],
  found: Set<string>,
  inStyle: boolean,
  parentScope: ReadonlyMap<string, string>,
): void {
  for (const node of nodes) {
    if (typeof node !== "object" || node === null) continue;
    const record = node as Record<string, unknown>;
    const scope = scopeOf(record[":@"], parentScope);
    for (const [key, value] of Object.entries(record)) {
      if (key === ":@") checkAttributes(value, scope, found);
      else if (key === "#text") {
        if (inStyle) checkCss(decode(String(value)), found);
      } else if (key === "#comment") continue;
      else if (key.startsWith("?")) {
        if (key !== "?xml") found.add(`a <${key}> processing instruction`);
      } else {
        checkElement(key, scope, found);
        if (Array.isArray(value)) walk(value, found, localName(key) === "style", scope);
      }
    }
  }
}

function checkElement(qualified: string, scope: ReadonlyMap<string, string>, found: Set<string>): void {
  const local = localName(qualified);
  const known = Object.hasOwn(FORBIDDEN_ELEMENTS, local.toLowerCase())
    ? FORBIDDEN_ELEMENTS[local.toLowerCase()]
    : undefined;
  const namespace = namespaceOf(qualified, scope);
  if (namespace === SVG_NAMESPACE && SVG_ELEMENTS.has(local)) return;
  if (known) found.add(known);
  else if (namespace !== SVG_NAMESPACE)
    found.add(`a <${qualified}> element outside the SVG namespace (${namespace ?? "no namespace"})`);
  else found.add(`a <${local}> element, which is not an SVG drawing element`);
}

function checkAttributes(attributes: unknown, scope: ReadonlyMap<string, string>, found: Set<string>): void {
  if (typeof attributes !== "object" || attributes === null) return;
  for (const [rawName, rawValue] of Object.entries(attributes)) {
    const name = rawName.replace(/^@_/, "");
    const value = decode(String(rawValue));
    const [prefix, local] = name.includes(":")
      ? [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)]
      : [undefined, name];
    if (/javascript:/i.test(value.replace(/[\s\u0000-\u001f]/g, ""))) found.add("a javascript: URL");
    if (name === "xmlns" || prefix === "xmlns") continue;
    const namespace = prefix === undefined ? undefined : prefix === "xml" ? XML_NAMESPACE : scope.get(prefix);
    const isHref = (prefix === undefined && local === "href") || (namespace === XLINK_NAMESPACE && local === "href");
    if (local.toLowerCase().startsWith("on")) found.add("an event-handler attribute");
    else if (isHref) {
      if (!SELF_CONTAINED_HREF.test(value.trim())) found.add("a reference to another document");
    } else if (namespace === XML_NAMESPACE && (local === "space" || local === "lang")) continue;
    else if (prefix !== undefined || !SVG_ATTRIBUTES.has(local))
      found.add(`a ${name} attribute, which is not an SVG drawing attribute`);
    if (local === "style" || /url\s*\(|\\|@import/i.test(value)) checkCss(value, found);
  }
}

/** The namespace scope of an element: its parent's, with the element's own `xmlns` and `xmlns:p` declarations applied. */
function scopeOf(attributes: unknown, parent: ReadonlyMap<string, string>): ReadonlyMap<string, string> {
  if (typeof attributes !== "object" || attributes === null) return parent;
  let scope: Map<string, string> | undefined;
  for (const [rawName, rawValue] of Object.entries(attributes)) {
    const name = rawName.replace(/^@_/, "");
    if (name !== "xmlns" && !name.startsWith("xmlns:")) continue;
    scope ??= new Map(parent);
    scope.set(name === "xmlns" ? "" : name.slice(6), decode(String(rawValue)));
  }
  return scope ?? parent;
}

/** The namespace URI of a qualified element name in `scope`; undefined when none applies. */
function namespaceOf(qualified: string, scope: ReadonlyMap<string, string>): string | undefined {
  const colon = qualified.indexOf(":");
  const uri = scope.get(colon === -1 ? "" : qualified.slice(0, colon));
  return uri === "" ? undefined : uri;
}

function checkCss(css: string, found: Set<string>): void {
  for (const [pattern, what] of CSS_DANGERS) if (pattern.test(css)) found.add(what);
}

/** The local part of a qualified name: `xlink:href` -> `href`, `svg:linearGradient` -> `linearGradient`. */
function localName(name: string): string {
  return name.split(":").pop() ?? name;
}

/** Decodes character references and the five predefined entities, as an XML parser would. */
function decode(raw: string): string {
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
