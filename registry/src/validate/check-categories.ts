import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { Category } from "../manifest/types.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import { schemaDiagnostics } from "../manifest/schema-diagnostics.ts";
import { schemaCheck } from "../json/schemas.ts";

/**
 * Validates `schema/categories.yaml` against `categories.schema.json` and checks that ids
 * are unique (`categories/duplicate`). Returns the categories when the file is valid,
 * otherwise an empty list.
 */
export function checkCategories(parsed: ParsedYaml): { categories: Category[]; diagnostics: Diagnostic[] } {
  if (parsed.diagnostics.length > 0) return { categories: [], diagnostics: parsed.diagnostics };
  const problems = schemaDiagnostics(parsed, schemaCheck("categories")(parsed.data));
  if (problems.length > 0) return { categories: [], diagnostics: problems };
  const categories = (parsed.data as { categories: Category[] }).categories;
  const seen = new Set<string>();
  const diagnostics = categories.flatMap((category, i) => {
    if (!seen.has(category.id)) {
      seen.add(category.id);
      return [];
    }
    return [
      error(
        "categories/duplicate",
        parsed.file,
        parsed.locate(["categories", i, "id"]),
        `category id '${category.id}' is listed twice`,
      ),
    ];
  });
  return { categories, diagnostics };
}
