import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { hasErrors, sortDiagnostics, type Diagnostic } from "../../report/diagnostic.ts";
import { printValidation, type ValidationReport } from "./validate.ts";

/**
 * Merges `appshelf validate --format json` reports (e.g. of `--shard i/n` jobs) into one:
 * every diagnostic, sorted as one run sorts them, and the counts added up. When the
 * reports are shards, all of 0..n-1 must be there exactly once, so a lost job cannot pass
 * as a clean registry.
 *
 * @throws Error when a report is not a validation report, or shards are missing, repeated or of different counts
 */
export function mergeReports(reports: readonly { file: string; report: ValidationReport }[]): ValidationReport {
  const sharded = reports.filter((r) => r.report.shard !== undefined);
  if (sharded.length > 0) {
    const count = sharded[0]?.report.shard?.count ?? 0;
    const indexes = reports.map((r) => (r.report.shard?.count === count ? r.report.shard.index : -1)).sort((a, b) => a - b);
    const expected = Array.from({ length: count }, (_, i) => i);
    if (indexes.join() !== expected.join()) {
      throw new Error(`the reports must be the shards 0..${count - 1} of ${count}, each once; got ${reports.map((r) => (r.report.shard ? `${r.report.shard.index}/${r.report.shard.count}` : "an unsharded report")).join(", ")}`);
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

function parseReport(file: string, text: string): ValidationReport {
  const value = JSON.parse(text) as Partial<ValidationReport> | null;
  const counts = value?.counts;
  if (!value || typeof value.ok !== "boolean" || !Array.isArray(value.diagnostics) || typeof counts?.apps !== "number" || typeof counts.versions !== "number" || typeof counts.artifactsVerified !== "number") {
    throw new Error(`${file} is not a report of 'appshelf validate --format json'`);
  }
  return value as ValidationReport;
}

/** `appshelf merge-reports <reports...>`: exit code 1 when the merged report has errors. */
export function mergeReportsCommand(): Command {
  return new Command("merge-reports")
    .description("merge the --format json reports of 'appshelf validate' runs (e.g. --shard 0/4 .. 3/4) into one report")
    .argument("<reports...>", "report files written by 'appshelf validate --format json'")
    .option("--format <format>", "output format: text or json", "text")
    .action(async (files: string[], options: { format: string }) => {
      if (options.format !== "text" && options.format !== "json") throw new Error(`unknown --format '${options.format}'; use text or json`);
      const reports = await Promise.all(files.map(async (file) => ({ file, report: parseReport(file, await readFile(file, "utf8")) })));
      const merged = mergeReports(reports);
      printValidation(merged, options.format);
      if (!merged.ok) process.exitCode = 1;
    });
}
