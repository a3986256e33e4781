import type { Position } from "../../../report/diagnostic.ts";

/**
 * Replaces comments, CDATA sections and processing instructions (the XML declaration too)
 * by spaces, keeping every newline, so that a search for markup (`<!DOCTYPE`, `<id`) finds
 * only real markup while offsets, lines and columns stay those of the original text.
 */
export function maskNonMarkup(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$)|<!\[CDATA\[[\s\S]*?(?:\]\]>|$)|<\?[\s\S]*?(?:\?>|$)/g, (hidden) =>
    hidden.replace(/[^\n]/g, " "),
  );
}

/**
 * What locating in one text needs, built once per text (the last text is kept, since a
 * file's diagnostics are located one after another): the masked text, line starts, and
 * the offsets of each element's opening tags, found with one scan per element name.
 * Locating k diagnostics in a text of n characters costs O(n + k log n), not O(n k).
 */
interface TextIndex {
  text: string;
  masked?: string;
  lineStarts?: number[];
  tags: Map<string, number[]>;
}

let last: TextIndex | undefined;

function indexOf(text: string): TextIndex {
  if (last?.text !== text) last = { text, tags: new Map() };
  return last;
}

/** 1-based line and column of a UTF-16 offset in `text` (a binary search over line starts). */
export function positionAt(text: string, offset: number): Position {
  const index = indexOf(text);
  const starts = (index.lineStarts ??= lineStarts(text));
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if ((starts[middle] ?? 0) <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - (starts[low] ?? 0) + 1 };
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf("\n"); at !== -1; at = text.indexOf("\n", at + 1)) starts.push(at + 1);
  return starts;
}

/** Offsets of the opening tags of `element` in the masked text, in order. */
function tagOffsets(text: string, element: string): number[] {
  const index = indexOf(text);
  let offsets = index.tags.get(element);
  if (!offsets) {
    const masked = (index.masked ??= maskNonMarkup(text));
    const tag = new RegExp(`<${element.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}(?=[\\s/>])`, "g");
    offsets = [...masked.matchAll(tag)].map((match) => match.index);
    index.tags.set(element, offsets);
  }
  return offsets;
}

/**
 * Position of the opening tag of `element` in an XML text, since fast-xml-parser does not
 * keep positions. With `value`, prefers the first occurrence whose content contains it (so
 * the second `<screenshot>` is found when its URL is the one at fault); otherwise, or when
 * no occurrence contains it, the first occurrence. Undefined when the tag is not in the text
 * (e.g. an element the app store's XSLT inserted). The text is indexed once (see
 * `TextIndex`); a `value` search reads the sources of that element's occurrences, which is
 * why callers locate at most `MAX_DIAGNOSTICS_PER_FILE` problems per file.
 *
 * @param text the info.xml text as written (not the transformed document)
 * @param element element name, e.g. `screenshot` or `repair-steps`
 */
export function locateElement(text: string, element: string, value?: string): Position | undefined {
  const offsets = tagOffsets(text, element);
  const first = offsets[0];
  if (first === undefined) return undefined;
  if (value !== undefined && value !== "") {
    for (const offset of offsets)
      if (elementSource(text, offset, element).includes(value)) return positionAt(text, offset);
  }
  return positionAt(text, first);
}

/** The source of one element from its opening tag: up to `/>` when self-closing, else up to its closing tag. */
function elementSource(text: string, start: number, element: string): string {
  const tagEnd = text.indexOf(">", start);
  if (tagEnd === -1) return text.slice(start);
  if (text[tagEnd - 1] === "/") return text.slice(start, tagEnd + 1);
  const close = text.indexOf(`</${element}`, tagEnd);
  return text.slice(start, close === -1 ? undefined : close);
}
