import { Command } from "commander";
import { hasErrors } from "../../report/diagnostic.ts";
import { formatReport } from "../../report/format-text.ts";
import { parsePartition, type Partition } from "../../run/partition.ts";
import type { RegistryDiagnostics } from "../../run/registry-results.ts";
import { checkRegistry } from "../../run/validate-registry.ts";
import { toValidationReport } from "../../run/validation-report.ts";
import { countProgress } from "../count-progress.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";
import { UsageError } from "../../errors/appshelf-error.ts";
import { EXIT_CODES } from "../../errors/exit-codes.ts";

/** Prints a validation result in the chosen format (text for people, json for machines: a `ValidationReport`). */
export function printValidation(
  result: Pick<RegistryDiagnostics, "diagnostics" | "counts">,
  format: RegistryCliOptions["format"],
  partition?: Partition,
): void {
  if (format === "json") process.stdout.write(`${JSON.stringify(toValidationReport(result, partition), null, 2)}\n`);
  else process.stdout.write(`${formatReport(result.diagnostics, result.counts)}\n`);
}

/** `appshelf validate [paths...]`: exit code 1 when any error is found. */
export function validateCommand(): Command {
  return withRegistryOptions(
    new Command("validate")
      .description(
        "validate app manifests, schemas, rules and release artifacts; report every problem with file, line and rule",
      )
      .argument("[paths...]", "app folders or files inside apps/ to validate (default: every app)")
      .option(
        "--partition <i/n>",
        "validate only partition i of n (0-based; apps split by a stable hash of their id), e.g. one job of a CI matrix; merge the --format json reports with 'appshelf merge-reports'",
      )
      .option("--shard <i/n>", "old name of --partition"),
  ).action(async (paths: string[], options: RegistryCliOptions & { partition?: string; shard?: string }) => {
    if (options.partition !== undefined && options.shard !== undefined)
      throw new UsageError("give --partition or its old name --shard, not both");
    const partition =
      options.partition !== undefined
        ? parsePartition(options.partition)
        : options.shard !== undefined
          ? parsePartition(options.shard, "--shard")
          : undefined;
    const progress = countProgress("checking apps");
    const result = await checkRegistry({
      ...toValidateOptions(options, paths),
      ...(partition ? { partition } : {}),
      ...(progress ? { onProgress: progress } : {}),
    });
    printValidation(result, options.format, partition);
    if (hasErrors(result.diagnostics)) process.exitCode = EXIT_CODES.problems;
  });
}
