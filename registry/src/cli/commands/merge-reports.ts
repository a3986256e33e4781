import { readFile } from "node:fs/promises";
import { Command } from "commander";
import { mergeReports } from "../../run/merge-reports.ts";
import { parseValidationReport } from "../../run/validation-report.ts";
import { printValidation } from "./validate.ts";
import { UsageError } from "../../errors/appshelf-error.ts";
import { EXIT_CODES } from "../../errors/exit-codes.ts";

/** `appshelf merge-reports <reports...>`: exit code 1 when the merged report has errors. */
export function mergeReportsCommand(): Command {
  return new Command("merge-reports")
    .description(
      "merge the --format json reports of 'appshelf validate' runs (e.g. --partition 0/4 .. 3/4) into one report",
    )
    .argument("<reports...>", "report files written by 'appshelf validate --format json'")
    .option("--format <format>", "output format: text or json", "text")
    .action(async (files: string[], options: { format: string }) => {
      if (options.format !== "text" && options.format !== "json")
        throw new UsageError(`unknown --format '${options.format}'; use text or json`);
      const reports = await Promise.all(
        files.map(async (file) => ({ file, report: parseValidationReport(file, await readFile(file, "utf8")) })),
      );
      const merged = mergeReports(reports);
      printValidation(merged, options.format);
      if (!merged.ok) process.exitCode = EXIT_CODES.problems;
    });
}
