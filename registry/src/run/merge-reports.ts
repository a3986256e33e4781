import { hasErrors, sortDiagnostics, type Diagnostic } from "../report/diagnostic.ts";
import type { ValidationReport } from "./validation-report.ts";
import { InputError } from "../errors/appshelf-error.ts";

/**
 * Merges `appshelf validate --format json` reports (e.g. of `--partition i/n` jobs) into
 * one: every diagnostic, sorted as one run sorts them, and the counts added up. When the
 * reports are partitions, all of 0..n-1 must be there exactly once, so a lost job cannot
 * pass as a clean registry.
 *
 * @throws InputError when partitions are missing, repeated or of different counts
 */
export function mergeReports(reports: readonly { file: string; report: ValidationReport }[]): ValidationReport {
  const partitioned = reports.filter((r) => r.report.partition !== undefined);
  if (partitioned.length > 0) {
    const count = partitioned[0]?.report.partition?.count ?? 0;
    const indexes = reports
      .map((r) => (r.report.partition?.count === count ? r.report.partition.index : -1))
      .sort((a, b) => a - b);
    const expected = Array.from({ length: count }, (_, i) => i);
    if (indexes.join() !== expected.join()) {
      throw new InputError(
        "input/partitions",
        `the reports must be the partitions 0..${count - 1} of ${count}, each once; got ${reports.map((r) => (r.report.partition ? `${r.report.partition.index}/${r.report.partition.count}` : "an unpartitioned report")).join(", ")}`,
      );
    }
  }
  const diagnostics: Diagnostic[] = sortDiagnostics(reports.flatMap((r) => r.report.diagnostics));
  const counts: ValidationReport["counts"] = { apps: 0, versions: 0, artifactsVerified: 0 };
  for (const { report } of reports) {
    counts.apps += report.counts.apps;
    counts.versions += report.counts.versions;
    counts.artifactsVerified += report.counts.artifactsVerified;
    if (typeof report.counts.helm === "string") counts.helm = report.counts.helm;
  }
  return { ok: !hasErrors(diagnostics), counts, diagnostics };
}
