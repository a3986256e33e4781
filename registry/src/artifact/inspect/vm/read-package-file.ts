import type { ValidateFunction } from "ajv";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import { describeSchemaErrors } from "../shared/describe-schema-errors.ts";
import { fileLabel, readText, type PackageFolder } from "../shared/package-folder.ts";
import { parseJsonFile } from "../shared/parse-json-file.ts";
import type { PackageFile } from "./vm-package.ts";

/**
 * Reads one JSON file of the package and checks its shape. Rule ids: `vm/json` when it is
 * not JSON, `shapeRuleId` (e.g. `vm/package-json`) for wrong or missing fields, with lines.
 *
 * @returns undefined when the file is absent
 */
export function readPackageFile<T>(
  folder: PackageFolder,
  name: string,
  validate: ValidateFunction,
  shapeRuleId: string,
): { file?: PackageFile<T>; diagnostics: Diagnostic[] } {
  const text = readText(folder, name);
  if (text === undefined) return { diagnostics: [] };
  const parsed = parseJsonFile(fileLabel(folder, name), text, "vm/json");
  if (parsed.diagnostics.length > 0) return { file: { parsed }, diagnostics: parsed.diagnostics };
  if (!validate(parsed.data))
    return { file: { parsed }, diagnostics: describeSchemaErrors(parsed, validate.errors ?? [], shapeRuleId) };
  return { file: { parsed, value: parsed.data as T }, diagnostics: [] };
}
