import { readFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { ImportError } from "../../import/import-helm.ts";
import { importNextcloud } from "../../import/import-nextcloud.ts";
import { formatDiagnostic } from "../../report/format-text.ts";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";
import { EXIT_CODES } from "../../errors/exit-codes.ts";

interface ImportNextcloudCliOptions extends RegistryCliOptions {
  url?: string;
  source?: string;
  maintainer: string[];
  publisher?: string;
  signature?: string;
  signatureFile?: string;
  certificate?: string;
  today?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `appshelf import nextcloud <archive | URL>`: manifests from a Nextcloud release's appinfo/info.xml. */
export function importNextcloudCommand(): Command {
  return withRegistryOptions(
    new Command("nextcloud")
      .description(
        "write apps/<id>/app.yaml (for a new app) and versions/nextcloud/<version>.yaml from a release archive's appinfo/info.xml (read as the app store reads it); re-running adds only new versions",
      )
      .argument("<archive>", "path of the release archive (tar.gz or zip), or its https:// URL"),
  )
    .option(
      "--url <url>",
      "where runtimes download these exact bytes (https); default: the archive URL. Required for a file",
    )
    .option(
      "--source <url>",
      "upstream URL kept only as provenance (artifact.source), e.g. when --url is a hosted copy",
    )
    .option("--maintainer <login>", "for a new app: GitHub login of a maintainer (repeatable)", collect, [])
    .option(
      "--publisher <id>",
      "for a new app: publisher id (its record .github/appshelf/publishers/<id>.yaml must exist)",
    )
    .option(
      "--signature <base64>",
      "release signature: openssl dgst -sha512 -sign <app>.key <archive> | openssl base64",
    )
    .option("--signature-file <file>", "read the release signature from this file")
    .option("--certificate <file>", "for a new app: the app's code-signing certificate (PEM, CN = app id)")
    .option("--today <YYYY-MM-DD>", "release date when CHANGELOG.md gives none (default: today, UTC)")
    .action(async (archive: string, options: ImportNextcloudCliOptions) => {
      const base = toValidateOptions(options);
      const signature =
        options.signature ??
        (options.signatureFile ? (await readFile(options.signatureFile, "utf8")).trim() : undefined);
      try {
        const plan = await importNextcloud({
          root: base.root,
          source: /^https?:\/\//.test(archive) ? archive : path.resolve(archive),
          ...(options.url ? { url: options.url } : {}),
          ...(options.source ? { provenance: options.source } : {}),
          maintainers: options.maintainer,
          ...(options.publisher ? { publisher: options.publisher } : {}),
          ...(signature ? { signature } : {}),
          ...(options.certificate ? { certificate: await readFile(options.certificate, "utf8") } : {}),
          limits: base.limits ?? {
            maxBytes: 20 * 1024 * 1024,
            timeoutMs: 60_000,
            maxRedirects: 10,
            allowHttpLoopback: false,
          },
          today: options.today ?? new Date().toISOString().slice(0, 10),
        });
        for (const file of plan.files.keys()) process.stdout.write(`wrote ${file}\n`);
        process.stdout.write(
          plan.present
            ? `${plan.appId} ${plan.version} is already in the registry: nothing new.\n`
            : `Imported ${plan.appId} ${plan.version}.\n`,
        );
      } catch (cause) {
        if (!(cause instanceof ImportError)) throw cause;
        for (const d of cause.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`${cause.message}\n`);
        process.exitCode = EXIT_CODES.problems;
      }
    });
}
