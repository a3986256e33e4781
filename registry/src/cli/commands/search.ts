import { Command } from "commander";
import { DELIVERY_TYPES, type DeliveryType, openRegistry, searchCatalog } from "../../client/client.ts";
import { toOpenOptions, withClientOptions, type ClientCliOptions } from "../client-options.ts";
import { formatSearch } from "../client-output.ts";
import { printWarnings, runClient } from "../run-client.ts";
import { UsageError } from "../../errors/appshelf-error.ts";

/** `appshelf search <words...>`: apps of the verified catalog matching every word. */
export function searchCommand(): Command {
  return withClientOptions(
    new Command("search")
      .description(
        "search the registry's catalog (verified through the signed index.json) for apps matching every word",
      )
      .argument(
        "[words...]",
        "words to match in id, name, summary, keywords, categories and publisher (none: list every app)",
      )
      .option("--delivery <type>", `only apps with versions of this delivery type (${DELIVERY_TYPES.join(", ")})`)
      .option("--all", "include suspended apps", false),
  ).action((words: string[], options: ClientCliOptions & { delivery?: string; all: boolean }) =>
    runClient(async () => {
      const delivery = deliveryOption(options.delivery);
      const { open } = await toOpenOptions(options);
      const registry = await openRegistry(open);
      printWarnings(registry.warnings);
      const catalog = await registry.catalog();
      const found = searchCatalog(catalog.apps, words, {
        ...(delivery ? { delivery } : {}),
        includeSuspended: options.all,
      });
      process.stdout.write(options.format === "json" ? `${JSON.stringify(found, null, 2)}\n` : formatSearch(found));
    }),
  );
}

/**
 * Checks a `--delivery` value.
 *
 * @throws UsageError naming the allowed values.
 */
export function deliveryOption(value: string | undefined): DeliveryType | undefined {
  if (value === undefined) return undefined;
  if (!(DELIVERY_TYPES as readonly string[]).includes(value))
    throw new UsageError(`unknown delivery type '${value}'; use one of ${DELIVERY_TYPES.join(", ")}`);
  return value as DeliveryType;
}
