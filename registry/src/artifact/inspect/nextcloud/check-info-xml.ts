import { error, sortDiagnostics, type Diagnostic } from "../../../report/diagnostic.ts";
import { readReferenceFile } from "../reference-files.ts";
import { canonicaliseXml } from "./canonicalise-xml.ts";
import { checkInfoSchema, type ReadReference } from "./check-info-schema.ts";
import { decodeInfoXml } from "./decode-info-xml.ts";
import type { InfoXml } from "./info-xml.ts";
import { INFO_RULES } from "./info-rules.ts";
import { locateElement } from "./locate-in-xml.ts";
import { DuplicateElementError, parseInfoXml } from "./parse-info-xml.ts";

/** Options of {@link checkInfoXml}. */
export interface CheckInfoXmlOptions {
  /** Source of info.xsd and pre-info.xslt; default `readReferenceFile` (the reference folder). */
  readReference?: ReadReference;
}

/** What {@link checkInfoXml} found: problems, and the parsed file when it is well-formed. */
export interface CheckedInfoXml {
  diagnostics: Diagnostic[];
  /** Present when info.xml parsed (even if rules failed), so callers can compare it with the manifest. */
  info?: InfoXml;
  /** The decoded text (BOM removed), when decoding succeeded; lines of `info` refer to it. */
  source?: string;
}

/**
 * Checks one `appinfo/info.xml` as the Nextcloud app store does, without the archive or the
 * manifest: safe decoding (`decodeInfoXml`), well-formedness with libxml2, pre-info.xslt
 * + info.xsd (`checkInfoSchema`), then the rules beyond the schema (`INFO_RULES`). The
 * app store's verdict is "accepted" exactly when no error comes back.
 *
 * @param xml file content (bytes are decoded as UTF-8)
 * @param file diagnostic file, e.g. `notes-6.0.2.tar.gz!notes/appinfo/info.xml`
 * @returns diagnostics sorted by line; never throws for bad input
 */
export async function checkInfoXml(
  xml: string | Buffer,
  file: string,
  options: CheckInfoXmlOptions = {},
): Promise<CheckedInfoXml> {
  const decoded = decodeInfoXml(typeof xml === "string" ? Buffer.from(xml, "utf8") : xml, file);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  const source = decoded.text;
  const wellFormed = await canonicaliseXml(source, file);
  if (wellFormed.canonical === undefined) return { diagnostics: wellFormed.diagnostics, source };
  let info: InfoXml | undefined;
  try {
    info = parseInfoXml(wellFormed.canonical);
  } catch (cause) {
    if (cause instanceof DuplicateElementError)
      return {
        diagnostics: [error("nextcloud/duplicate-element", file, locateElement(source, cause.element), cause.message)],
        source,
      };
    return {
      diagnostics: [
        error("nextcloud/xml-syntax", file, undefined, `info.xml could not be read: ${(cause as Error).message}`),
      ],
      source,
    };
  }
  if (!info) {
    return {
      diagnostics: [
        error("nextcloud/info-root", file, { line: 1, column: 1 }, "the root element of info.xml must be <info>"),
      ],
      source,
    };
  }
  const schema = await checkInfoSchema(wellFormed.canonical, source, file, options.readReference ?? readReferenceFile);
  const context = schema.categories ? { file, source, categories: schema.categories } : { file, source };
  const ruled = INFO_RULES.flatMap((rule) => rule(info, context));
  return { diagnostics: sortDiagnostics([...schema.diagnostics, ...ruled]), info, source };
}
