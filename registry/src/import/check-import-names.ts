import { error, type Diagnostic } from "../report/diagnostic.ts";
import { schemaDefinitionCheck } from "../json/schemas.ts";

/**
 * The names an import turns into paths, checked by the manifests' own rules before any
 * path is built (issue 13, class 8): the app id (`common.schema.json#/$defs/appId`, rule
 * `app/id-format`; it names `apps/<id>/`) and the chart name read from the index
 * (`version.schema.json#/properties/chart`, rule `helm/chart-name`; the default app id).
 * Versions are file names too; they pass only as exact semver (`plan-helm-import.ts`),
 * which has no `/`.
 *
 * @param source the index file or URL, named in each diagnostic
 * @returns one error per name that breaks its rule; empty when both are fine
 */
export function importNameDiagnostics(names: { appId: string; chart: string }, source: string): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const shown = (value: string) => JSON.stringify(value);
  if (schemaDefinitionCheck("common.schema.json#/$defs/appId")(names.appId).length > 0) {
    diagnostics.push(
      error(
        "app/id-format",
        source,
        undefined,
        `app id ${shown(names.appId)} must be 2-64 lowercase ASCII letters, digits, '-' and '_', starting with a letter or digit (it names the folder apps/<id>/)`,
        "choose another id with --id",
      ),
    );
  }
  if (schemaDefinitionCheck("version.schema.json#/properties/chart")(names.chart).length > 0) {
    diagnostics.push(
      error(
        "helm/chart-name",
        source,
        undefined,
        `chart name ${shown(names.chart)} must be at most 64 lowercase ASCII letters, digits and '-', starting with a letter or digit, as Helm requires`,
      ),
    );
  }
  return diagnostics;
}
