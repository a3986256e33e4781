import type { Command } from "commander";
import { openRegistry, parseAppSpec, parsePlatforms, type PullRequest, type Registry } from "../client/client.ts";
import { toOpenOptions, type ClientCliOptions } from "./client-options.ts";
import { printWarnings } from "./run-client.ts";
import { deliveryOption } from "./commands/search.ts";

/** The options `pull` and `install` share: which version, where its verified file goes. */
export interface PullCliOptions extends ClientCliOptions {
  delivery?: string;
  out: string;
  force: boolean;
  platform: string[];
  allowSuspended: boolean;
}

/** How one command words the shared options. */
export interface PullOptionTexts {
  /** The verb of `--allow-suspended`: "pull" or "install". */
  verb: string;
  /** The delivery types the command takes, as help text ("helm or compose"). */
  deliveries: string;
  /** Help of `--out`. */
  out: string;
  /** Example of `--platform`. */
  platformExample: string;
}

/** Adds the options `pull` and `install` share (see {@link PullCliOptions}). */
export function withPullOptions(command: Command, texts: PullOptionTexts): Command {
  return command
    .option("--delivery <type>", `delivery type (${texts.deliveries}); default: the app's only one`)
    .option("--out <dir>", texts.out, ".")
    .option("--force", "replace an existing file of the artifact's name in --out", false)
    .option(
      "--platform <name=version>",
      `platform to be compatible with, e.g. ${texts.platformExample} (repeatable)`,
      collect,
      [],
    )
    .option("--allow-suspended", `${texts.verb} a version (or app) the registry suspended`, false);
}

/**
 * Opens the registry the options name (printing its warnings) and reads the pull request
 * of `app` (`<id>[@range]`) from the shared options.
 *
 * @throws ClientError for a bad app spec, delivery type, platform or registry
 */
export async function openForPull(
  app: string,
  options: PullCliOptions,
): Promise<{ registry: Registry; request: PullRequest }> {
  const spec = parseAppSpec(app);
  const delivery = deliveryOption(options.delivery);
  const platform = parsePlatforms(options.platform);
  const { open, urlMap } = await toOpenOptions(options);
  const registry = await openRegistry(open);
  printWarnings(registry.warnings);
  const request: PullRequest = {
    id: spec.id,
    ...(spec.range ? { range: spec.range } : {}),
    ...(delivery ? { delivery } : {}),
    platform,
    allowSuspended: options.allowSuspended,
    outDir: options.out,
    force: options.force,
    urlMap,
  };
  return { registry, request };
}

/** Commander's collector of a repeatable option. */
export function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
