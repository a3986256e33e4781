import type { Position } from "../../../report/diagnostic.ts";

/**
 * Replaces comments, CDATA sections and processing instructions (the XML declaration too)
 * by spaces, keeping every newline, so that a search for markup (`<!DOCTYPE`, `<id`) finds
 * only real markup while offsets, lines and columns stay those of the original text.
 */
export function maskNonMarkup(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)/g, (hidden) => hidden.replace(/[^\n]/g, " "));
}

/** 1-based line and column of a UTF-16 offset in `text`. */
export function positionAt(text: string, offset: number): Position {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf("\n") + 1;
  return { line: before.split("\n").length, column: offset - lineStart + 1 };
}

/**
 * Position of the opening tag of `element` in an XML text, since fast-xml-parser does not
 * keep positions. With `value`, prefers the first occurrence whose content contains it (so
 * the second `<screenshot>` is found when its URL is the one at fault); otherwise, or when
 * no occurrence contains it, the first occurrence. Undefined when the tag is not in the text
 * (e.g. an element the app store's XSLT inserted).
 *
 * @param text the info.xml text as written (not the transformed document)
 * @param element element name, e.g. `screenshot` or `repair-steps`
 */
export function locateElement(text: string, element: string, value?: string): Position | undefined {
  const masked = maskNonMarkup(text);
  const tag = new RegExp(`<${element.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}(?=[\\s/>])`, "g");
  let first: number | undefined;
  for (const match of masked.matchAll(tag)) {
    first ??= match.index;
    if (value === undefined || value === "") break;
    if (elementSource(text, match.index, element).includes(value)) return positionAt(text, match.index);
  }
  return first === undefined ? undefined : positionAt(text, first);
}

/** The source of one element from its opening tag: up to `/>` when self-closing, else up to its closing tag. */
function elementSource(text: string, start: number, element: string): string {
  const tagEnd = text.indexOf(">", start);
  if (tagEnd === -1) return text.slice(start);
  if (text[tagEnd - 1] === "/") return text.slice(start, tagEnd + 1);
  const close = text.indexOf(`</${element}`, tagEnd);
  return text.slice(start, close === -1 ? undefined : close);
}
