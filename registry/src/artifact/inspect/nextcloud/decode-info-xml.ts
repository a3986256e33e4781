import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { maskNonMarkup, positionAt } from "./locate-in-xml.ts";

/**
 * Largest info.xml accepted, in bytes (512 KiB). Real files are 2–20 KB; the cap keeps a
 * hostile file from costing memory in the parsers. The app store caps every file it reads
 * from the archive too (`stream_read_file`, nextcloud/appstore parser.py).
 */
export const MAX_INFO_XML_BYTES = 512 * 1024;

/**
 * Most attributes accepted on one element. info.xsd declares at most 3 on any element and
 * no `anyAttribute`, so more can never validate; the cap stops a file with tens of
 * thousands of attributes on one element before libxml2 (whose duplicate-attribute check)
 * and the XSLT processor spend time quadratic in them.
 */
export const MAX_ATTRIBUTES_PER_ELEMENT = 32;

/** Element names fast-xml-parser refuses, since they would reach `Object.prototype`. */
const RESERVED_NAMES = ["__proto__", "constructor", "prototype"];

/**
 * Turns the bytes of an info.xml into text and refuses, before any XML parser sees it:
 * - `nextcloud/info-xml-too-large`: more than {@link MAX_INFO_XML_BYTES};
 * - `nextcloud/xml-syntax`: not UTF-8 (the app store decodes it as UTF-8, parser.py `stream_read_utf8`);
 * - `nextcloud/xml-encoding`: an XML declaration naming another encoding than UTF-8 (libxml2
 *   would then decode the UTF-8 bytes as, say, ISO-8859-1 and read other text than this
 *   file's UTF-8 view, so the checks and the catalog would disagree on what it says);
 * - `nextcloud/xml-doctype`: a `<!DOCTYPE` or `<!ENTITY` declaration (external entities, XXE, and
 *   entity expansion, "billion laughs"); the app store refuses entities too ("Must not contain
 *   entities", parser.py `parse_app_metadata`). Stricter than the app store: a DOCTYPE without
 *   entities is refused as well, since no info.xml needs one;
 * - `nextcloud/xml-reserved-name`: an element named `__proto__`, `constructor` or `prototype`.
 *   Stricter than the app store (whose XSLT would drop an unknown element): such names
 *   only serve prototype pollution, and fast-xml-parser refuses them.
 * - `nextcloud/too-many-attributes`: an element with more than {@link MAX_ATTRIBUTES_PER_ELEMENT}
 *   attributes (counted in one linear scan).
 * - `nextcloud/xml-utf16`: a UTF-16 byte-order mark (the app store reads UTF-8 only).
 * Comments and CDATA sections are not searched, so a description may mention `<!DOCTYPE`.
 *
 * @param bytes file content
 * @param file diagnostic file, `<archive>!<app>/appinfo/info.xml`
 * @returns the text (BOM removed) when nothing was refused
 */
export function decodeInfoXml(bytes: Buffer, file: string): { text?: string; diagnostics: Diagnostic[] } {
  if (bytes.length > MAX_INFO_XML_BYTES) {
    const message = `info.xml is ${bytes.length} bytes; at most ${MAX_INFO_XML_BYTES} bytes are accepted`;
    return { diagnostics: [error("nextcloud/info-xml-too-large", file, undefined, message)] };
  }
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return {
      diagnostics: [
        error(
          "nextcloud/xml-utf16",
          file,
          undefined,
          "info.xml is encoded as UTF-16 (it starts with a UTF-16 byte-order mark); the Nextcloud app store reads it as UTF-8",
          "save info.xml as UTF-8",
        ),
      ],
    };
  }
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return {
      diagnostics: [
        error("nextcloud/xml-syntax", file, undefined, "info.xml is not valid UTF-8", "save info.xml as UTF-8"),
      ],
    };
  }
  const encoding = /^\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([^"']*)["']/.exec(text)?.[1];
  if (encoding !== undefined && !/^utf-?8$/i.test(encoding)) {
    const message = `info.xml declares encoding="${encoding}"; it must be UTF-8 (as the Nextcloud app store reads it)`;
    return {
      diagnostics: [
        error(
          "nextcloud/xml-encoding",
          file,
          { line: 1, column: 1 },
          message,
          'save the file as UTF-8 and write encoding="UTF-8" or no encoding',
        ),
      ],
    };
  }
  const masked = maskNonMarkup(text);
  const declaration = /<!(DOCTYPE|ENTITY)\b/i.exec(masked);
  if (declaration) {
    const message = `info.xml must not contain a <!${declaration[1]?.toUpperCase()}> declaration (entities are refused, as by the Nextcloud app store)`;
    return {
      diagnostics: [
        error(
          "nextcloud/xml-doctype",
          file,
          positionAt(text, declaration.index),
          message,
          "remove the DOCTYPE and write characters instead of entities",
        ),
      ],
    };
  }
  const reserved = new RegExp(`<(${RESERVED_NAMES.join("|")})(?=[\\s/>])`).exec(masked);
  if (reserved) {
    const message = `element name <${reserved[1]}> is not allowed (it is reserved in JavaScript and not part of info.xsd)`;
    return { diagnostics: [error("nextcloud/xml-reserved-name", file, positionAt(text, reserved.index), message)] };
  }
  const crowded = crowdedElement(masked);
  if (crowded) {
    const message = `an element of info.xml has ${crowded.count > MAX_ATTRIBUTES_PER_ELEMENT * 4 ? `more than ${MAX_ATTRIBUTES_PER_ELEMENT * 4}` : crowded.count} attributes; at most ${MAX_ATTRIBUTES_PER_ELEMENT} are accepted (info.xsd allows at most 3)`;
    return { diagnostics: [error("nextcloud/too-many-attributes", file, positionAt(text, crowded.offset), message)] };
  }
  return { text, diagnostics: [] };
}

/**
 * The first start tag with more than {@link MAX_ATTRIBUTES_PER_ELEMENT} attributes (its
 * offset and attribute count, counting stops a little past the cap), in one pass over the
 * masked text: `=` signs outside quoted values, up to the tag's `>`.
 */
function crowdedElement(masked: string): { offset: number; count: number } | undefined {
  for (let start = masked.indexOf("<"); start !== -1; start = masked.indexOf("<", start + 1)) {
    if (!/[A-Za-z_:]/.test(masked[start + 1] ?? "")) continue;
    let count = 0;
    let quote = "";
    let at = start + 1;
    for (; at < masked.length && count <= MAX_ATTRIBUTES_PER_ELEMENT * 4; at++) {
      const char = masked[at];
      if (quote !== "") {
        if (char === quote) quote = "";
      } else if (char === '"' || char === "'") quote = char;
      else if (char === "=") count++;
      else if (char === ">" || char === "<") break;
    }
    if (count > MAX_ATTRIBUTES_PER_ELEMENT) return { offset: start, count };
    start = at - 1;
  }
  return undefined;
}
