import { Command } from "commander";
import { openRegistry } from "../../client/open-registry.ts";
import { parseAppSpec, parsePlatforms } from "../../client/parse-spec.ts";
import { pullApp } from "../../client/pull-app.ts";
import { DELIVERY_TYPES } from "../../manifest/types.ts";
import { toOpenOptions, withClientOptions, type ClientCliOptions } from "../client-options.ts";
import { formatPull } from "../client-output.ts";
import { ttyProgress } from "../progress.ts";
import { printWarnings, runClient } from "../run-client.ts";
import { deliveryOption } from "./search.ts";

interface PullOptions extends ClientCliOptions {
  delivery?: string;
  out: string;
  platform: string[];
  allowSuspended: boolean;
  force: boolean;
}

/**
 * `appshelf pull <app>[@range] [--delivery <type>]`: resolves the newest compatible released
 * version and writes its verified artifact to --out, printing every check it made.
 */
export function pullCommand(): Command {
  return withClientOptions(
    new Command("pull")
      .description("download an app's artifact, verified end to end: signed index.json -> bin -> shard -> artifact sha256 and size; written to --out only when everything matches")
      .argument("<app>", "app id, optionally @version or @range (node-semver), e.g. harbor@^1.19")
      .option("--delivery <type>", `delivery type (${DELIVERY_TYPES.join(", ")}); default: the app's only one`)
      .option("--out <dir>", "folder to write the artifact to (never a symbolic link)", ".")
      .option("--force", "replace an existing file of the artifact's name in --out", false)
      .option("--platform <name=version>", "platform to be compatible with, e.g. kubernetes=1.29 or nextcloud=30 (repeatable)", collect, [])
      .option("--allow-suspended", "pull a version (or app) the registry suspended", false),
  ).action((app: string, options: PullOptions) =>
    runClient(async () => {
      const spec = parseAppSpec(app);
      const delivery = deliveryOption(options.delivery);
      const platform = parsePlatforms(options.platform);
      const { open, urlMap } = await toOpenOptions(options);
      const registry = await openRegistry(open);
      printWarnings(registry.warnings);
      const progress = options.format === "text" ? ttyProgress() : undefined;
      const report = await pullApp(registry, {
        id: spec.id,
        ...(spec.range ? { range: spec.range } : {}),
        ...(delivery ? { delivery } : {}),
        platform,
        allowSuspended: options.allowSuspended,
        outDir: options.out,
        force: options.force,
        urlMap,
        ...(progress ? { onProgress: progress } : {}),
      });
      if (options.format === "json") {
        const { index, signedBy, notModified, stats } = registry;
        process.stdout.write(`${JSON.stringify({ ok: true, registry: { location: registry.source.location, serial: index.serial, expires: index.expires, signedBy: signedBy ?? null, notModified }, ...report, stats: { requests: stats.requests, bytes: stats.bytes } }, null, 2)}\n`);
      } else {
        process.stdout.write(formatPull(registry, report));
      }
    }),
  );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
