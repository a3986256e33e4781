import type { Diagnostic } from "./diagnostic.ts";

/**
 * Renders one diagnostic as a CLI line: `apps/foo/app.yaml:12:5 error url/https message`,
 * followed by an indented `hint:` line when there is a hint.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${d.file}:${d.line}:${d.column ?? 1}` : d.file;
  const head = `${where} ${d.severity} ${d.ruleId} ${d.message}`;
  return d.hint ? `${head}\n    hint: ${d.hint}` : head;
}

/** Counts errors and warnings. */
export function countDiagnostics(list: readonly Diagnostic[]): { errors: number; warnings: number } {
  const errors = list.filter((d) => d.severity === "error").length;
  return { errors, warnings: list.length - errors };
}

/**
 * Renders a validation run for a terminal: one line per diagnostic, then a summary line
 * such as `Validated 8 apps, 11 versions: 0 errors, 2 warnings.`
 */
export function formatReport(list: readonly Diagnostic[], checked: { apps: number; versions: number }): string {
  const { errors, warnings } = countDiagnostics(list);
  const lines = list.map(formatDiagnostic);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `Validated ${plural(checked.apps, "app")}, ${plural(checked.versions, "version")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
  );
  return lines.join("\n");
}
