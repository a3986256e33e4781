import { XMLBuilder } from "fast-xml-parser";

/** fast-xml-parser's builder: escapes &, <, >, " and ' in text and attributes; "@_" marks attributes. */
const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  textNodeName: "#text",
  format: true,
  suppressEmptyNode: true,
});

/** Characters XML 1.0 does not allow at all (C0 controls but tab, LF and CR; lone surrogates; U+FFFE/U+FFFF). */
const NOT_XML =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Text safe to put in an XML document: characters XML cannot hold are dropped (the builder escapes the rest). */
export function xmlText(text: string): string {
  return text.replace(NOT_XML, "");
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "'": "&apos;", '"': "&quot;" };

/** `text` escaped for XML text or a double-quoted attribute: `&`, `<`, `>`, `'` and `"` as entities (as the builder escapes them). */
export function escapeXml(text: string): string {
  return text.replace(/[&<>'"]/g, (c) => ENTITIES[c] ?? c);
}

/** An XML document (UTF-8 declaration first) from a fast-xml-parser object tree. */
export function buildXml(root: Record<string, unknown>): string {
  return builder.build({ "?xml": { "@_version": "1.0", "@_encoding": "utf-8" }, ...root }) as string;
}
