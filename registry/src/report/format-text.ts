import type { Diagnostic } from "./diagnostic.ts";

/**
 * Control characters and bidi embeddings, overrides and isolates. Diagnostics quote what
 * submitters wrote (file names inside archives, manifest values), and printed raw these
 * would forge output lines (in GitHub Actions a line starting with `::` is a workflow
 * command) or reorder text on a terminal.
 */
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `text` with every {@link UNPRINTABLE} character written as a `\uXXXX` escape. */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/**
 * Renders one diagnostic as a CLI line: `apps/foo/app.yaml:12:5 error url/https message`,
 * followed by an indented `hint:` line when there is a hint. Always exactly one line (two
 * with a hint): see {@link printable}.
 */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line ? `${printable(d.file)}:${d.line}:${d.column ?? 1}` : printable(d.file);
  const head = `${where} ${d.severity} ${d.ruleId} ${printable(d.message)}`;
  return d.hint ? `${head}\n    hint: ${printable(d.hint)}` : head;
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
export function formatReport(
  list: readonly Diagnostic[],
  checked: { apps: number; versions: number; helm?: string },
): string {
  const { errors, warnings } = countDiagnostics(list);
  const lines = list.map(formatDiagnostic);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
  lines.push(
    `Validated ${plural(checked.apps, "app")}, ${plural(checked.versions, "version")}: ${plural(errors, "error")}, ${plural(warnings, "warning")}.`,
  );
  if (checked.helm !== undefined) lines.push(`Helm charts judged by Helm ${checked.helm}.`);
  return lines.join("\n");
}
