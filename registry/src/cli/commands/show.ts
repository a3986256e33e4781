import { Command } from "commander";
import { openRegistry, parseAppSpec } from "../../client/client.ts";
import { toOpenOptions, withClientOptions, type ClientCliOptions } from "../client-options.ts";
import { formatIndexLine, formatShow } from "../client-output.ts";
import { printWarnings, runClient } from "../run-client.ts";

/** `appshelf show <app>`: an app's shard (read through index.json and its bin, all verified). */
export function showCommand(): Command {
  return withClientOptions(
    new Command("show")
      .description("show an app and every version with status, compatibility, artifact URL and sha256")
      .argument("<app>", "app id"),
  ).action((app: string, options: ClientCliOptions) =>
    runClient(async () => {
      const { id } = parseAppSpec(app);
      const { open } = await toOpenOptions(options);
      const registry = await openRegistry(open);
      printWarnings(registry.warnings);
      const shard = await registry.shard(id);
      process.stdout.write(
        options.format === "json"
          ? `${JSON.stringify(shard, null, 2)}\n`
          : `${formatIndexLine(registry)}\n${formatShow(shard)}`,
      );
    }),
  );
}
