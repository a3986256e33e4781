import { validateXML } from "xmllint-wasm";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";

/**
 * Parses an XML text with libxml2 (xmllint-wasm, the same parser lxml uses in the Nextcloud
 * app store, so "well-formed" means the same thing) and returns its W3C canonical form
 * (C14N 1.0): CDATA sections become escaped text, character references become characters,
 * the XML declaration goes. The XSLT and fast-xml-parser then read this canonical text, never
 * the raw one, so their own, more lenient parsers see only well-formed input.
 *
 * Runs in a WebAssembly sandbox: no file or network access. Call it only on text that
 * passed {@link decodeInfoXml} (no DOCTYPE, bounded size).
 *
 * @param text the XML text
 * @param file diagnostic file
 * @returns `canonical` when well-formed; otherwise one `nextcloud/xml-syntax` error at the
 *   line libxml2 reports (the first error: later ones are usually its consequences)
 */
export async function canonicaliseXml(
  text: string,
  file: string,
): Promise<{ canonical?: string; diagnostics: Diagnostic[] }> {
  const result = await validateXML({ xml: { fileName: "info.xml", contents: text }, normalization: "c14n" });
  if (result.valid) return { canonical: result.normalized, diagnostics: [] };
  const first = result.errors.find((problem) => problem.loc !== null) ?? result.errors[0];
  const detail = (first?.message ?? "unreadable").replace(/^parser error\s*:\s*/, "").trim();
  const at = first?.loc ? { line: first.loc.lineNumber, column: 1 } : undefined;
  return { diagnostics: [error("nextcloud/xml-syntax", file, at, `info.xml is not well-formed XML: ${detail}`)] };
}
