import { hasErrors } from "../report/diagnostic.ts";
import type { Partition } from "./partition.ts";
import type { RegistryDiagnostics } from "./registry-results.ts";
import { InputError } from "../errors/appshelf-error.ts";

/**
 * The JSON report of `appshelf validate --format json` (and of `appshelf merge-reports`):
 * the wire form of a {@link RegistryDiagnostics}.
 */
export interface ValidationReport {
  /** No diagnostic is an error. */
  ok: boolean;
  counts: RegistryDiagnostics["counts"];
  /** Present when the run checked one partition (`--partition i/n`). */
  partition?: Partition;
  diagnostics: RegistryDiagnostics["diagnostics"];
}

/** The report of a check, of one partition when given. */
export function toValidationReport(
  check: Pick<RegistryDiagnostics, "diagnostics" | "counts">,
  partition?: Partition,
): ValidationReport {
  const { diagnostics, counts } = check;
  return { ok: !hasErrors(diagnostics), counts, ...(partition ? { partition } : {}), diagnostics };
}

/**
 * Reads a report written by `appshelf validate --format json`. A report of an older
 * Appshelf names its partition `shard`; it is read as `partition`.
 *
 * @param file named in the error
 * @throws InputError when the text is not such a report
 */
export function parseValidationReport(file: string, text: string): ValidationReport {
  const value = JSON.parse(text) as (Partial<ValidationReport> & { shard?: Partition }) | null;
  const counts = value?.counts;
  if (
    !value ||
    typeof value.ok !== "boolean" ||
    !Array.isArray(value.diagnostics) ||
    typeof counts?.apps !== "number" ||
    typeof counts.versions !== "number" ||
    typeof counts.artifactsVerified !== "number"
  ) {
    throw new InputError("input/validation-report", `${file} is not a report of 'appshelf validate --format json'`);
  }
  const { shard, ...report } = value;
  return (
    shard !== undefined && report.partition === undefined ? { ...report, partition: shard } : report
  ) as ValidationReport;
}
