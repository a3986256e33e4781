/**
 * One problem found in the registry. Every check in Appshelf reports through this type,
 * never through bare strings, so the CLI text, JSON output, GitHub annotations and job
 * summaries all render the same list.
 */
export interface Diagnostic {
  /** Stable rule id, e.g. `"version/file-name"` or `"schema/required"`. */
  ruleId: string;
  severity: "error" | "warning";
  /** Repo-relative POSIX path, or `"archive.tgz!chart/Chart.yaml"` for a file inside an artifact. */
  file: string;
  /** 1-based line, when the problem has a position. */
  line?: number;
  /** 1-based column, when the problem has a position. */
  column?: number;
  /** What is wrong and what was expected. */
  message: string;
  /** How to fix it. */
  hint?: string;
}

/** A position in a text file: 1-based line and column. */
export interface Position {
  line: number;
  column: number;
}

/** Builds an error diagnostic; `at` is the position in `file`, if known. */
export function error(
  ruleId: string,
  file: string,
  at: Position | undefined,
  message: string,
  hint?: string,
): Diagnostic {
  return make("error", ruleId, file, at, message, hint);
}

/** Builds a warning diagnostic; `at` is the position in `file`, if known. */
export function warning(
  ruleId: string,
  file: string,
  at: Position | undefined,
  message: string,
  hint?: string,
): Diagnostic {
  return make("warning", ruleId, file, at, message, hint);
}

function make(
  severity: Diagnostic["severity"],
  ruleId: string,
  file: string,
  at: Position | undefined,
  message: string,
  hint: string | undefined,
): Diagnostic {
  const diagnostic: Diagnostic = { ruleId, severity, file, message };
  if (at) {
    diagnostic.line = at.line;
    diagnostic.column = at.column;
  }
  if (hint) diagnostic.hint = hint;
  return diagnostic;
}

/** Orders diagnostics by file, line, column, then rule id, so output is stable. */
export function sortDiagnostics(list: readonly Diagnostic[]): Diagnostic[] {
  return [...list].sort(
    (a, b) =>
      a.file.localeCompare(b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      (a.column ?? 0) - (b.column ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}

/** True when the list holds at least one error (warnings do not fail a run). */
export function hasErrors(list: readonly Diagnostic[]): boolean {
  return list.some((d) => d.severity === "error");
}

/**
 * Appends `more` to `list` one by one, and returns `list`. Unlike `list.push(...more)`, any
 * length works: a spread passes every element as an argument on the stack, and a registry
 * run's hundreds of thousands of diagnostics (one warning per version of 50,000 apps)
 * overflow it (`RangeError: Maximum call stack size exceeded`).
 */
export function appendDiagnostics(list: Diagnostic[], more: Iterable<Diagnostic>): Diagnostic[] {
  for (const d of more) list.push(d);
  return list;
}
