import { Command } from "commander";
import { DELIVERY_TYPES, pullApp } from "../../client/client.ts";
import { withClientOptions } from "../client-options.ts";
import { formatPull } from "../client-output.ts";
import { ttyProgress } from "../progress.ts";
import { openForPull, withPullOptions, type PullCliOptions } from "../pull-options.ts";
import { runClient } from "../run-client.ts";

/**
 * `appshelf pull <app>[@range] [--delivery <type>]`: resolves the newest compatible released
 * version and writes its verified artifact to --out, printing every check it made.
 */
export function pullCommand(): Command {
  return withClientOptions(
    withPullOptions(
      new Command("pull")
        .description(
          "download an app's artifact, verified end to end: signed index.json -> bin -> shard -> artifact sha256 and size; written to --out only when everything matches",
        )
        .argument("<app>", "app id, optionally @version or @range (node-semver), e.g. harbor@^1.19"),
      {
        verb: "pull",
        deliveries: DELIVERY_TYPES.join(", "),
        out: "folder to write the artifact to (never a symbolic link)",
        platformExample: "kubernetes=1.29 or nextcloud=30",
      },
    ),
  ).action((app: string, options: PullCliOptions) =>
    runClient(async () => {
      const { registry, request } = await openForPull(app, options);
      const progress = options.format === "text" ? ttyProgress() : undefined;
      const report = await pullApp(registry, { ...request, ...(progress ? { onProgress: progress } : {}) });
      if (options.format === "json") {
        const { index, signedBy, notModified, stats } = registry;
        process.stdout.write(
          `${JSON.stringify({ ok: true, registry: { location: registry.source.location, serial: index.serial, expires: index.expires, signedBy: signedBy ?? null, notModified }, ...report, stats: { requests: stats.requests, bytes: stats.bytes } }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(formatPull(registry, report));
      }
    }),
  );
}
