import { Command } from "commander";
import { openRegistry, verifyRegistry } from "../../client/client.ts";
import { toOpenOptions, withClientOptions, type ClientCliOptions } from "../client-options.ts";
import { formatIndexLine } from "../client-output.ts";
import { printWarnings, runClient } from "../run-client.ts";

/** `appshelf verify`: checks a built or published registry end to end; exit 1 when anything fails. */
export function verifyCommand(): Command {
  return withClientOptions(
    new Command("verify").description(
      "verify a registry (folder or URL): index.json signature and expiry, then every pinned file (catalog, bins, shards, Helm index, icons, in-registry artifacts)",
    ),
    { registry: "dist", state: false },
  ).action((options: ClientCliOptions) =>
    runClient(async () => {
      const { open } = await toOpenOptions({ ...options, cache: false });
      const registry = await openRegistry(open);
      const check = await verifyRegistry(registry);
      printWarnings(registry.warnings);
      if (options.format === "json") {
        process.stdout.write(
          `${JSON.stringify({ ok: true, serial: registry.index.serial, expires: registry.index.expires, signedBy: registry.signedBy ?? null, ...check }, null, 2)}\n`,
        );
      } else {
        process.stdout.write(
          `${formatIndexLine(registry)}\nVerified ${check.apps} apps in ${check.bins} bins: ${check.files} pinned files match their sha256 and size.\n`,
        );
      }
    }),
  );
}
