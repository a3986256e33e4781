import { Command } from "commander";
import { buildRegistry } from "../../index/build-registry.ts";
import { hasErrors } from "../../report/diagnostic.ts";
import { validateRegistry } from "../../validate/validate-registry.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";
import { printValidation } from "./validate.ts";

/** `appshelf build`: validate everything, then write index.json, shards, icons and in-repo artifacts to --out atomically. */
export function buildCommand(): Command {
  return withRegistryOptions(
    new Command("build").description("validate the whole registry, then write index.json, apps/<id>.json shards, icons and in-repo artifacts to --out (atomically)"),
  )
    .option("--out <dir>", "output folder, replaced as a whole", "dist")
    .action(async (options: RegistryCliOptions & { out: string }) => {
      const result = await validateRegistry(toValidateOptions(options));
      printValidation(result, options.format);
      if (hasErrors(result.diagnostics)) {
        process.stderr.write("Build stopped: fix the errors above. Nothing was written.\n");
        process.exitCode = 1;
        return;
      }
      const summary = await buildRegistry(result, options.out);
      if (options.format === "text") {
        process.stdout.write(`Wrote ${summary.outDir}/index.json (${summary.indexBytes} bytes): ${summary.apps} apps, ${summary.versions} versions, ${summary.files} files.\n`);
      }
    });
}
