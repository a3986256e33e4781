import { Command } from "commander";
import { hasErrors } from "../../report/diagnostic.ts";
import { formatReport } from "../../report/format-text.ts";
import { validateRegistry, type ValidationResult } from "../../validate/validate-registry.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";

/** Prints a validation result in the chosen format (text for people, json for machines). */
export function printValidation(result: ValidationResult, format: RegistryCliOptions["format"]): void {
  if (format === "json") {
    const { diagnostics, counts } = result;
    process.stdout.write(`${JSON.stringify({ ok: !hasErrors(diagnostics), counts, diagnostics }, null, 2)}\n`);
  } else {
    process.stdout.write(`${formatReport(result.diagnostics, result.counts)}\n`);
  }
}

/** `appshelf validate [paths...]`: exit code 1 when any error is found. */
export function validateCommand(): Command {
  return withRegistryOptions(
    new Command("validate")
      .description("validate app manifests, schemas, rules and release artifacts; report every problem with file, line and rule")
      .argument("[paths...]", "app folders or files inside apps/ to validate (default: every app)"),
  ).action(async (paths: string[], options: RegistryCliOptions) => {
    const result = await validateRegistry(toValidateOptions(options, paths));
    printValidation(result, options.format);
    if (hasErrors(result.diagnostics)) process.exitCode = 1;
  });
}
