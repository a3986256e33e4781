import { parseYaml } from "../../../manifest/parse-yaml.ts";
import { error, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import { describeSchemaErrors } from "../compose/describe-schema-errors.ts";
import { parseJsonFile } from "../vm/parse-json-file.ts";
import { fileLabel, readText, type PackageFolder } from "./chart-files.ts";
import { compileValuesSchema } from "./compile-values-schema.ts";
import { renameParseRules } from "./rename-parse-rules.ts";

/**
 * Checks a chart's default values as `helm lint` and `helm install` do (Helm Chart.yaml v2
 * docs, "Schema Files"). Rule ids:
 * - `helm/values-yaml`: values.yaml is not YAML, or not a mapping.
 * - `helm/values-schema-json`: values.schema.json is not JSON.
 * - `helm/values-schema-invalid`: it is not a valid JSON Schema (meta-schema errors point
 *   at its lines; a `$ref` that resolves nowhere too).
 * - `helm/values-schema`: values.yaml does not satisfy it (pointing at values.yaml lines);
 *   a chart without values.yaml is checked as `{}`, as Helm does.
 * - `helm/values-schema-unchecked` (warning): a draft-04 schema, which Appshelf cannot check.
 */
export function checkValues(folder: PackageFolder): Diagnostic[] {
  const values = parseYaml(fileLabel(folder, "values.yaml"), readText(folder, "values.yaml") ?? "{}");
  if (values.diagnostics.length > 0) return renameParseRules(values.diagnostics, "helm/values-yaml");
  const data = values.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return [error("helm/values-yaml", values.file, values.locate([]), "values.yaml must be a mapping of value names to values")];
  }
  const schemaText = readText(folder, "values.schema.json");
  if (schemaText === undefined) return [];
  const schema = parseJsonFile(fileLabel(folder, "values.schema.json"), schemaText, "helm/values-schema-json");
  if (schema.diagnostics.length > 0) return schema.diagnostics;
  const compiled = compileValuesSchema(schema.data);
  if ("unsupported" in compiled) {
    return [warning("helm/values-schema-unchecked", schema.file, schema.locate(["$schema"]), `values.schema.json is written in ${compiled.unsupported}, which Appshelf cannot check; values.yaml was not validated`)];
  }
  if ("invalid" in compiled) {
    return typeof compiled.invalid === "string"
      ? [error("helm/values-schema-invalid", schema.file, undefined, `values.schema.json is not a valid JSON Schema: ${compiled.invalid}`)]
      : describeSchemaErrors(schema, compiled.invalid, "helm/values-schema-invalid").map((d) => ({ ...d, message: `not a valid JSON Schema: ${d.message}` }));
  }
  return compiled.validate(data) ? [] : describeSchemaErrors(values, compiled.validate.errors ?? [], "helm/values-schema");
}
