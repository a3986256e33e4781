import { validateXML } from "xmllint-wasm";
import { XmlParser, Xslt } from "xslt-processor";

/** One XSD validity error as libxml2 states it, with what it names. */
export interface XsdProblem {
  /** libxml2's message without its `Schemas validity error :` prefix. */
  message: string;
  /** The element it names (`Element 'command': ...`), if any. */
  element?: string;
  /** The offending value it quotes (`The value 'bad command' ...`), if any. */
  value?: string;
}

/**
 * Applies the app store's `pre-info.xslt` (nextcloud/appstore, run before validation: it
 * reorders elements into the XSD's order, drops unknown ones, maps category `auth` to
 * `security`, normalises licence aliases, inserts a missing `<summary>` / `<category>`).
 * Uses xslt-processor (pure JavaScript XSLT 1.0); `xsl:import`/`xsl:include` and `document()`
 * loading are denied.
 *
 * @param xml a well-formed document, ideally the canonical text from {@link canonicaliseXml}
 * @param xslt the stylesheet text
 * @returns the transformed document as XML text
 * @throws Error when xslt-processor cannot run the stylesheet
 */
export async function applyPreInfoXslt(xml: string, xslt: string): Promise<string> {
  const parser = new XmlParser();
  // Every flag is spelled out: xslt-processor turns escaping and CDATA handling off when an
  // options object leaves them out (its README says they default to true), which would
  // write a description's `&` unescaped and make the result not well-formed.
  const processor = new Xslt({
    cData: true,
    escape: true,
    selfClosingTags: true,
    parameters: [],
    fetchFunction: (uri: string) => Promise.reject(new Error(`loading ${uri} is not allowed`)),
    documentLoader: () => null,
  });
  return processor.xsltProcess(parser.xmlParse(xml), parser.xmlParse(xslt));
}

/**
 * Validates a document against `info.xsd` with libxml2's XML Schema support
 * (xmllint-wasm; the app store uses lxml, also libxml2). `xsi:noNamespaceSchemaLocation`
 * is ignored and nothing is fetched.
 *
 * @returns the validity errors; empty when valid. libxml2's follow-up "No precomputed
 *   value available" notes are dropped (they repeat the error before them).
 * @throws Error when the schema itself does not compile
 */
export async function validateAgainstInfoXsd(xml: string, xsd: string): Promise<XsdProblem[]> {
  const result = await validateXML({
    xml: { fileName: "info.xml", contents: xml },
    schema: { fileName: "info.xsd", contents: xsd },
  });
  if (result.valid) return [];
  const problems = result.errors
    .map((problem) => problem.message.replace(/^Schemas validity error\s*:\s*/, "").trim())
    .filter((message) => message !== "" && !message.includes("No precomputed value available"))
    .map(toProblem);
  return problems.length > 0 ? problems : [{ message: result.rawOutput.trim() || "info.xml fails to validate" }];
}

function toProblem(message: string): XsdProblem {
  const problem: XsdProblem = { message };
  const element = /^Element '([^']+)'/.exec(message)?.[1];
  const value = /The value '([^']*)'/.exec(message)?.[1];
  if (element) problem.element = element;
  if (value) problem.value = value;
  return problem;
}
