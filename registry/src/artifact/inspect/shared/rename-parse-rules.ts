import type { Diagnostic } from "../../../report/diagnostic.ts";

/**
 * Gives YAML/JSON parse problems of an artifact file the rule id of that file's check
 * (e.g. `yaml/duplicate-key` in Chart.yaml becomes `helm/chart-yaml`); the parser's own
 * wording stays in the message, prefixed with what it found.
 */
export function renameParseRules(diagnostics: readonly Diagnostic[], ruleId: string): Diagnostic[] {
  return diagnostics.map((d) => ({
    ...d,
    ruleId,
    message: `${d.ruleId === "yaml/too-large" ? "" : "not valid YAML: "}${d.message}`,
  }));
}
