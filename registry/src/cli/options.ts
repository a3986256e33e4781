import path from "node:path";
import type { Command } from "commander";
import { defaultCacheDir } from "../artifact/artifact-cache.ts";
import { DEFAULT_FETCH_LIMITS } from "../artifact/fetch-artifact.ts";
import { defaultManifestCacheDir } from "../run/manifest-cache.ts";
import type { RegistryRunOptions } from "../run/run-options.ts";
import { UsageError } from "../errors/appshelf-error.ts";

/** Options shared by the commands that validate the registry. */
export interface RegistryCliOptions {
  root: string;
  mirror: string[];
  offline: boolean;
  requireArtifacts: boolean;
  format: "text" | "json";
  /** Cache folder, or false with --no-cache. */
  cache: string | false;
  /** Manifest cache folder (unused with --no-cache). */
  manifestCache: string;
  maxDownloadBytes: string;
  downloadTimeout: string;
}

/** Adds the shared registry options to a command. */
export function withRegistryOptions(command: Command): Command {
  return command
    .option("--root <dir>", "registry root (the folder holding apps/ and schema/)", ".")
    .option(
      "--mirror <dir>",
      "folder with copies of release artifacts, searched before the network (repeatable)",
      collect,
      [],
    )
    .option(
      "--offline",
      "never download artifacts; those not in a mirror or the repo are reported as not verified",
      false,
    )
    .option("--require-artifacts", "an artifact that cannot be verified is an error instead of a warning (CI)", false)
    .option("--format <format>", "output format: text or json", "text")
    .option("--cache <dir>", "digest-keyed cache of downloaded artifacts", defaultCacheDir())
    .option(
      "--manifest-cache <dir>",
      "cache of parsed and schema-checked manifests by Git blob id (so unchanged manifests are not read again)",
      defaultManifestCacheDir(),
    )
    .option("--no-cache", "do not read or write the download cache, the manifest cache or the Helm verdict cache")
    .option(
      "--max-download-bytes <bytes>",
      "abort a download past this many bytes",
      String(DEFAULT_FETCH_LIMITS.maxBytes),
    )
    .option(
      "--download-timeout <ms>",
      "abort a download that takes longer than this",
      String(DEFAULT_FETCH_LIMITS.timeoutMs),
    );
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Turns parsed CLI options into validation options; `paths` (files or folders inside
 * `apps/`) select the apps to validate.
 *
 * @throws UsageError when a path is not inside `<root>/apps/<id>` or the format is unknown.
 */
export function toValidateOptions(options: RegistryCliOptions, paths: readonly string[] = []): RegistryRunOptions {
  if (options.format !== "text" && options.format !== "json")
    throw new UsageError(`unknown --format '${String(options.format)}'; use text or json`);
  const root = path.resolve(options.root);
  const limits = {
    ...DEFAULT_FETCH_LIMITS,
    maxBytes: positiveInteger(options.maxDownloadBytes, "--max-download-bytes"),
    timeoutMs: positiveInteger(options.downloadTimeout, "--download-timeout"),
  };
  const result: RegistryRunOptions = {
    root,
    mirrors: options.mirror,
    offline: options.offline,
    requireArtifacts: options.requireArtifacts,
    limits,
  };
  if (options.cache !== false) {
    result.cacheDir = path.resolve(options.cache);
    result.manifestCacheDir = path.resolve(options.manifestCache);
  } else result.verdictCacheDir = false;
  if (paths.length > 0) result.apps = new Set(paths.map((p) => appIdOf(root, p)));
  return result;
}

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, not '${value}'`);
  return n;
}

function appIdOf(root: string, given: string): string {
  const relative = path.relative(path.join(root, "apps"), path.resolve(given));
  const id = relative.split(path.sep)[0];
  if (!id || id.startsWith("..") || path.isAbsolute(relative))
    throw new UsageError(`${given} is not inside ${path.join(root, "apps")}/<app-id>`);
  return id;
}
