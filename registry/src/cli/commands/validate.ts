import { Command } from "commander";
import { hasErrors } from "../../report/diagnostic.ts";
import { formatReport } from "../../report/format-text.ts";
import { parseShard, type Shard } from "../../validate/shard.ts";
import { validateRegistry, type ValidationResult } from "../../validate/validate-registry.ts";
import { countProgress } from "../count-progress.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";

/** The JSON report of `appshelf validate --format json` (and of `appshelf merge-reports`). */
export interface ValidationReport {
  ok: boolean;
  counts: ValidationResult["counts"];
  /** Present when the run checked one shard (`--shard i/n`). */
  shard?: Shard;
  diagnostics: ValidationResult["diagnostics"];
}

/** Prints a validation result in the chosen format (text for people, json for machines). */
export function printValidation(result: Pick<ValidationResult, "diagnostics" | "counts">, format: RegistryCliOptions["format"], shard?: Shard): void {
  if (format === "json") {
    const { diagnostics, counts } = result;
    const report: ValidationReport = { ok: !hasErrors(diagnostics), counts, ...(shard ? { shard } : {}), diagnostics };
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(result.diagnostics, result.counts)}\n`);
  }
}

/** `appshelf validate [paths...]`: exit code 1 when any error is found. */
export function validateCommand(): Command {
  return withRegistryOptions(
    new Command("validate")
      .description("validate app manifests, schemas, rules and release artifacts; report every problem with file, line and rule")
      .argument("[paths...]", "app folders or files inside apps/ to validate (default: every app)")
      .option("--shard <i/n>", "validate only shard i of n (0-based; apps split by a stable hash of their id), e.g. one job of a CI matrix; merge the --format json reports with 'appshelf merge-reports'"),
  ).action(async (paths: string[], options: RegistryCliOptions & { shard?: string }) => {
    const shard = options.shard === undefined ? undefined : parseShard(options.shard);
    const progress = countProgress("checking apps");
    const result = await validateRegistry({ ...toValidateOptions(options, paths), ...(shard ? { shard } : {}), ...(progress ? { onProgress: progress } : {}), results: "diagnostics" });
    printValidation(result, options.format, shard);
    if (hasErrors(result.diagnostics)) process.exitCode = 1;
  });
}
