import { XMLParser, XMLValidator } from "fast-xml-parser";

/**
 * Elements an icon may not hold, by local name (any namespace prefix: `<html:script>` and
 * `<svg:script>` run like `<script>`): scripts and their SVG Tiny 1.2 handlers, embedded
 * HTML, nested documents, and animations (SMIL `set`/`animate` can rewrite an `href` to
 * `javascript:` after any static check).
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
 * SVG runs its scripts and loads what it references), each as a phrase such as
 * `"a <script> element"`; empty when it is a self-contained drawing. The text must be
 * well-formed XML without DOCTYPE or entity declarations; then every element and
 * attribute is checked after decoding character references: forbidden elements (see
 * `FORBIDDEN_ELEMENTS`), event-handler attributes (`on*`), `href`/`xlink:href` other than
 * a `#fragment` or an embedded PNG/JPEG/GIF/WebP, `javascript:` anywhere, and CSS in
 * `style` attributes, `<style>` elements and presentation attributes that loads anything
 * but a `#fragment`. Processing instructions other than the XML declaration are refused
 * (`<?xml-stylesheet?>` loads a stylesheet).
 */
export function svgDangers(text: string): string[] {
  if (/<!(DOCTYPE|ENTITY)/i.test(text)) return ["a DOCTYPE or entity declaration"];
  if (XMLValidator.validate(text) !== true) return ["markup that is not well-formed XML"];
  const found = new Set<string>();
  try {
    walk(parser.parse(text) as unknown[], found, false);
  } catch (cause) {
    return [`markup the XML reader refuses (${(cause as Error).message.split("\n")[0] ?? ""})`];
  }
  return [...found];
}

function walk(nodes: readonly unknown[], found: Set<string>, inStyle: boolean): void {
  for (const node of nodes) {
    if (typeof node !== "object" || node === null) continue;
    for (const [key, value] of Object.entries(node)) {
      if (key === ":@") checkAttributes(value, found);
      else if (key === "#text") {
        if (inStyle) checkCss(decode(String(value)), found);
      } else if (key === "#comment") continue;
      else if (key.startsWith("?")) {
        if (key !== "?xml") found.add(`a <${key}> processing instruction`);
      } else {
        const local = localName(key);
        const forbidden = Object.hasOwn(FORBIDDEN_ELEMENTS, local) ? FORBIDDEN_ELEMENTS[local] : undefined;
        if (forbidden) found.add(forbidden);
        if (Array.isArray(value)) walk(value, found, local === "style");
      }
    }
  }
}

function checkAttributes(attributes: unknown, found: Set<string>): void {
  if (typeof attributes !== "object" || attributes === null) return;
  for (const [rawName, rawValue] of Object.entries(attributes)) {
    const name = localName(rawName.replace(/^@_/, ""));
    const value = decode(String(rawValue));
    if (name.startsWith("on")) found.add("an event-handler attribute");
    if (name === "href" && !SELF_CONTAINED_HREF.test(value.trim())) found.add("a reference to another document");
    if (/javascript:/i.test(value.replace(/[\s\u0000-\u001f]/g, ""))) found.add("a javascript: URL");
    if (name === "style" || /url\s*\(|\\|@import/i.test(value)) checkCss(value, found);
  }
}

function checkCss(css: string, found: Set<string>): void {
  for (const [pattern, what] of CSS_DANGERS) if (pattern.test(css)) found.add(what);
}

/** `xlink:href` -> `href`, `SVG:Script` -> `script`. */
function localName(name: string): string {
  return (name.split(":").pop() ?? name).toLowerCase();
}

/** Decodes character references and the five predefined entities, as an XML parser would. */
function decode(raw: string): string {
  const named: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
  return raw.replace(/&(?:#x([0-9a-fA-F]+)|#([0-9]+)|(amp|lt|gt|quot|apos));/g, (whole, hex?: string, dec?: string, name?: string) => {
    if (name) return named[name] ?? whole;
    const code = hex ? Number.parseInt(hex, 16) : Number(dec);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
