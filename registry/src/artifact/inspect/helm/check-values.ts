import { error, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import { describeSchemaErrors } from "../shared/describe-schema-errors.ts";
import { parseJsonFile } from "../shared/parse-json-file.ts";
import { fileLabel, readText, type PackageFolder } from "../shared/package-folder.ts";
import { runValuesSchema } from "./run-values-schema.ts";
import { renameParseRules } from "../shared/rename-parse-rules.ts";
import { parseManifestText } from "../../../manifest/text-encoding.ts";

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
 * - `helm/values-schema-too-complex`: compiling the schema or checking values.yaml with it
 *   passed the worker's time or memory cap (`run-values-schema.ts`), or overflowed the stack.
 * The schema is third-party code in all but name: it is compiled and run only in that
 * capped worker, with RE2 for its patterns.
 */
export async function checkValues(folder: PackageFolder): Promise<Diagnostic[]> {
  const values = parseManifestText(fileLabel(folder, "values.yaml"), readText(folder, "values.yaml") ?? "{}");
  if (values.diagnostics.length > 0) return renameParseRules(values.diagnostics, "helm/values-yaml");
  const data = values.data ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return [
      error(
        "helm/values-yaml",
        values.file,
        values.locate([]),
        "values.yaml must be a mapping of value names to values",
      ),
    ];
  }
  const schemaText = readText(folder, "values.schema.json");
  if (schemaText === undefined) return [];
  const schema = parseJsonFile(fileLabel(folder, "values.schema.json"), schemaText, "helm/values-schema-json");
  if (schema.diagnostics.length > 0) return schema.diagnostics;
  const checked = await runValuesSchema(schemaText, data);
  switch (checked.kind) {
    case "valid":
      return [];
    case "unsupported":
      return [
        warning(
          "helm/values-schema-unchecked",
          schema.file,
          schema.locate(["$schema"]),
          `values.schema.json is written in ${checked.dialect}, which Appshelf cannot check; values.yaml was not validated`,
        ),
      ];
    case "too-complex":
      return [
        error(
          "helm/values-schema-too-complex",
          schema.file,
          undefined,
          `values.schema.json is too complex to check: ${checked.reason}; values.yaml was not validated`,
          "simplify the schema: long chains of anyOf/oneOf over $ref multiply the work at every level",
        ),
      ];
    case "invalid":
      return typeof checked.invalid === "string"
        ? [
            error(
              "helm/values-schema-invalid",
              schema.file,
              undefined,
              `values.schema.json is not a valid JSON Schema: ${checked.invalid}`,
            ),
          ]
        : describeSchemaErrors(schema, checked.invalid, "helm/values-schema-invalid").map((d) => ({
            ...d,
            message: `not a valid JSON Schema: ${d.message}`,
          }));
    case "errors":
      return describeSchemaErrors(values, checked.errors, "helm/values-schema");
  }
}
