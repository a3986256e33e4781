import path from "node:path";
import { Command } from "commander";
import { openArtifactCache } from "../../artifact/artifact-cache.ts";
import { openMirror } from "../../artifact/mirror.ts";
import { importHelm, ImportError } from "../../import/import-helm.ts";
import { parseHelmRepoIndex } from "../../import/helm-repo-index.ts";
import { formatDiagnostic } from "../../report/format-text.ts";
import { readFile } from "node:fs/promises";
import { toValidateOptions, withRegistryOptions, type RegistryCliOptions } from "../options.ts";
import { importNextcloudCommand } from "./import-nextcloud.ts";
import { UsageError } from "../../errors/appshelf-error.ts";
import { EXIT_CODES } from "../../errors/exit-codes.ts";

interface ImportHelmCliOptions extends RegistryCliOptions {
  app?: string;
  id?: string;
  repoUrl?: string;
  maintainer: string[];
  category: string[];
  license?: string;
  publisher?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** `appshelf import helm <index.yaml | URL>`: turn a Helm repository index into manifests. */
export function importCommand(): Command {
  const helm = withRegistryOptions(
    new Command("helm")
      .description(
        "write apps/<id>/app.yaml (for a new app) and one version file per chart version from a Helm repository index; re-running adds only new versions",
      )
      .argument("<source>", "path of an index.yaml, or its https:// URL"),
  )
    .option("--app <chart>", "chart to import (default: the only chart in the index)")
    .option("--id <app-id>", "app id to write (default: the chart name)")
    .option(
      "--repo-url <url>",
      "repository URL that relative chart URLs are resolved against (default: the folder of the index URL)",
    )
    .option("--maintainer <login>", "for a new app: GitHub login of a maintainer (repeatable)", collect, [])
    .option("--category <id>", "for a new app: category id from schema/categories.yaml (repeatable)", collect, [])
    .option("--license <spdx>", "for a new app: SPDX license (default: the chart's 'licenses' annotation)")
    .option(
      "--publisher <id>",
      "for a new app: publisher id (its record .github/appshelf/publishers/<id>.yaml must exist)",
    )
    .action(async (source: string, options: ImportHelmCliOptions) => {
      const base = toValidateOptions(options);
      const chart = options.app ?? (await onlyChart(source));
      const { mirror } = await openMirror(base.mirrors);
      const request = {
        root: base.root,
        source: /^https?:\/\//.test(source) ? source : path.resolve(source),
        options: {
          chart,
          appId: options.id ?? chart,
          ...(options.repoUrl ? { repoUrl: options.repoUrl } : {}),
          maintainers: options.maintainer,
          categories: options.category,
          ...(options.license ? { license: options.license } : {}),
          ...(options.publisher ? { publisher: options.publisher } : {}),
        },
        mirror,
        offline: base.offline,
        limits: base.limits ?? { maxBytes: 0, timeoutMs: 0, maxRedirects: 0, allowHttpLoopback: false },
        ...(base.cacheDir ? { cache: openArtifactCache(base.cacheDir) } : {}),
      };
      try {
        const plan = await importHelm(request);
        const written = [...plan.files.keys()];
        for (const file of written) process.stdout.write(`wrote ${file}\n`);
        for (const s of plan.skipped) process.stdout.write(`skipped ${chart} ${s.version}: ${s.reason}\n`);
        process.stdout.write(
          `Imported ${chart}: ${written.filter((f) => f.includes("/versions/")).length} new versions, ${plan.present.length} already present, ${plan.skipped.length} skipped.\n`,
        );
      } catch (cause) {
        if (!(cause instanceof ImportError)) throw cause;
        for (const d of cause.diagnostics) process.stdout.write(`${formatDiagnostic(d)}\n`);
        process.stderr.write(`${cause.message}\n`);
        process.exitCode = EXIT_CODES.problems;
      }
    });
  return new Command("import")
    .description("import apps from other stores and repositories")
    .addCommand(helm)
    .addCommand(importNextcloudCommand());
}

async function onlyChart(source: string): Promise<string> {
  if (/^https?:\/\//.test(source)) throw new UsageError("--app <chart> is required when importing from a URL");
  const names = [...new Set(parseHelmRepoIndex(await readFile(source, "utf8")).map((e) => e.name))];
  if (names.length !== 1)
    throw new UsageError(
      `the index holds ${names.length} charts (${names.sort().join(", ")}); choose one with --app <chart>`,
    );
  return names[0] ?? "";
}
