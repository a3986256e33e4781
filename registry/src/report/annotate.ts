import * as core from "@actions/core";
import type { Diagnostic } from "./diagnostic.ts";

/** Where annotations go: `@actions/core` in GitHub Actions, a fake in tests. */
export interface AnnotationSink {
  error(message: string, properties: core.AnnotationProperties): void;
  warning(message: string, properties: core.AnnotationProperties): void;
}

/**
 * Emits each diagnostic as a GitHub Actions annotation on its file, line and column, titled
 * with the rule id; the hint follows the message on a new line. Diagnostics without a line
 * are annotated on the file.
 */
export function annotateDiagnostics(list: readonly Diagnostic[], sink: AnnotationSink = core): void {
  for (const d of list) {
    const properties: core.AnnotationProperties = { title: d.ruleId, file: d.file };
    if (d.line !== undefined) properties.startLine = d.line;
    if (d.line !== undefined && d.column !== undefined) properties.startColumn = d.column;
    const message = d.hint ? `${d.message}\nhint: ${d.hint}` : d.message;
    if (d.severity === "error") sink.error(message, properties);
    else sink.warning(message, properties);
  }
}
