import { error, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import type { ReferenceFile } from "../reference-files.ts";
import { applyPreInfoXslt, validateAgainstInfoXsd } from "./apply-info-schema.ts";
import { locateElement } from "./locate-in-xml.ts";
import { readXsdEnumeration } from "./read-xsd-enumeration.ts";
import { firstProblems, omittedProblems } from "../../../report/cap-diagnostics.ts";

/** Reads a reference file; undefined when it is not there (see `readReferenceFile`). */
export type ReadReference = (name: ReferenceFile) => Promise<Buffer | undefined>;

/** Result of the schema step: problems, and Nextcloud's categories when info.xsd was read. */
export interface SchemaCheck {
  diagnostics: Diagnostic[];
  categories?: string[];
}

/**
 * Validates info.xml as the app store does (parser.py `parse_app_metadata`): apply
 * `pre-info.xslt`, then validate the result against `info.xsd`. Rules:
 * - `nextcloud/xsd` (error): one per libxml2 validity error, at the line of the element it
 *   names in the file as written (the transformed document has no useful lines); the first
 *   `MAX_DIAGNOSTICS_PER_FILE`, then one `report/truncated` counting the rest;
 * - `nextcloud/xslt` (error): xslt-processor could not apply the stylesheet;
 * - `nextcloud/schema-unavailable` (warning): info.xsd or pre-info.xslt is missing (or info.xsd
 *   does not compile); the XSD check is skipped and the other rules still run.
 *
 * @param canonical canonical text of info.xml (from `canonicaliseXml`)
 * @param source info.xml as written, for lines
 * @param file diagnostic file
 * @param readReference where `nextcloud/info.xsd` and `nextcloud/pre-info.xslt` come from
 */
export async function checkInfoSchema(
  canonical: string,
  source: string,
  file: string,
  readReference: ReadReference,
): Promise<SchemaCheck> {
  const [xsd, xslt] = await Promise.all([
    readReference("nextcloud/info.xsd"),
    readReference("nextcloud/pre-info.xslt"),
  ]);
  const categories = xsd ? readXsdEnumeration(xsd.toString("utf8"), "category") : undefined;
  const result = (diagnostics: Diagnostic[]): SchemaCheck =>
    categories ? { diagnostics, categories } : { diagnostics };
  if (!xsd || !xslt) {
    const missing = [xsd ? undefined : "nextcloud/info.xsd", xslt ? undefined : "nextcloud/pre-info.xslt"]
      .filter(Boolean)
      .join(" and ");
    return result([unavailable(file, `${missing} not found in the reference folder`)]);
  }
  let transformed: string;
  try {
    transformed = await applyPreInfoXslt(canonical, xslt.toString("utf8"));
  } catch (cause) {
    return result([
      error(
        "nextcloud/xslt",
        file,
        undefined,
        `could not apply the app store's pre-info.xslt: ${(cause as Error).message}`,
      ),
    ]);
  }
  try {
    const { kept, omitted } = firstProblems(await validateAgainstInfoXsd(transformed, xsd.toString("utf8")));
    const listed = kept.map((problem) => {
      const at =
        (problem.element && locateElement(source, problem.element, problem.value)) || locateElement(source, "info");
      return error(
        "nextcloud/xsd",
        file,
        at,
        `info.xml does not validate against info.xsd (after pre-info.xslt): ${problem.message}`,
      );
    });
    return result(omitted > 0 ? [...listed, omittedProblems(file, omitted)] : listed);
  } catch (cause) {
    return result([unavailable(file, `info.xsd does not compile: ${(cause as Error).message.split("\n")[0] ?? ""}`)]);
  }
}

function unavailable(file: string, reason: string): Diagnostic {
  return warning(
    "nextcloud/schema-unavailable",
    file,
    undefined,
    `info.xml was not validated against the Nextcloud schema: ${reason}`,
    "set APPSHELF_REFERENCE_DIR to a folder holding nextcloud/info.xsd and nextcloud/pre-info.xslt",
  );
}
