import path from "node:path";
import type { Command } from "commander";
import {
  DEFAULT_CLIENT_LIMITS,
  DEFAULT_TRUSTED_KEYS_FILE,
  defaultClientCacheDir,
  defaultTrustStateFile,
  openMetadataCache,
  type OpenRegistryOptions,
  parseUrlMappings,
  readTrustedKeys,
  type UrlMapping,
} from "../client/client.ts";
import { UsageError } from "../errors/appshelf-error.ts";

/** Options shared by the commands that read a published registry (search, show, pull, verify). */
export interface ClientCliOptions {
  registry?: string;
  trustedKeys: string;
  /** Trust state file, or false with --no-state. */
  state: string | false;
  /** Cache folder, or false with --no-cache. */
  cache: string | false;
  allowUnsigned: boolean;
  allowExpired: boolean;
  urlMap: string[];
  maxDownloadBytes: string;
  downloadTimeout: string;
  format: "text" | "json";
}

/** Adds the client options; `defaults` overrides the state and registry defaults (verify keeps no state). */
export function withClientOptions(command: Command, defaults: { registry?: string; state?: boolean } = {}): Command {
  return command
    .option(
      "--registry <url-or-dir>",
      "registry base URL (https://..., or http:// to 127.0.0.1) or folder holding index.json [env APPSHELF_REGISTRY]",
      process.env.APPSHELF_REGISTRY ?? defaults.registry,
    )
    .option("--trusted-keys <file>", "public keys trusted to sign index.json", DEFAULT_TRUSTED_KEYS_FILE)
    .option(
      "--state <file>",
      "trust state: the highest serial seen per registry, to refuse rollbacks",
      defaults.state === false ? false : defaultTrustStateFile(),
    )
    .option("--no-state", "do not read or record the highest serial seen")
    .option(
      "--cache <dir>",
      "cache of verified index.json (for If-None-Match) and pinned files",
      defaultClientCacheDir(),
    )
    .option("--no-cache", "do not read or write the cache")
    .option("--allow-unsigned", "accept an index.json without signature (a local build)", false)
    .option("--allow-expired", "accept an index.json past its expiry", false)
    .option(
      "--url-map <from=to>",
      "rewrite artifact URLs starting with <from> to start with <to> (a local mirror); digests are still checked (repeatable)",
      collect,
      [],
    )
    .option("--max-download-bytes <bytes>", "largest artifact accepted", String(DEFAULT_CLIENT_LIMITS.maxArtifactBytes))
    .option("--download-timeout <ms>", "time limit of one request", String(DEFAULT_CLIENT_LIMITS.timeoutMs))
    .option("--format <format>", "output format: text or json", "text");
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/**
 * Turns parsed options into what {@link openRegistry} takes, reading the trusted keys.
 *
 * @throws UsageError on a missing registry, a bad number, format or URL mapping; InputError on unreadable trusted keys.
 */
export async function toOpenOptions(
  options: ClientCliOptions,
): Promise<{ open: OpenRegistryOptions; urlMap: UrlMapping[] }> {
  if (!options.registry)
    throw new UsageError("no registry given: pass --registry <url-or-dir> or set APPSHELF_REGISTRY");
  if (options.format !== "text" && options.format !== "json")
    throw new UsageError(`unknown --format '${String(options.format)}'; use text or json`);
  const trustedKeysFile = path.resolve(options.trustedKeys);
  const open: OpenRegistryOptions = {
    location: options.registry,
    trustedKeys: await readTrustedKeys(trustedKeysFile),
    trustedKeysFile,
    allowUnsigned: options.allowUnsigned,
    allowExpired: options.allowExpired,
    limits: {
      maxArtifactBytes: positiveInteger(options.maxDownloadBytes, "--max-download-bytes"),
      timeoutMs: positiveInteger(options.downloadTimeout, "--download-timeout"),
    },
  };
  if (options.state !== false) open.trustStateFile = path.resolve(options.state);
  if (options.cache !== false) open.cache = openMetadataCache(path.resolve(options.cache));
  return { open, urlMap: parseUrlMappings(options.urlMap) };
}

function positiveInteger(value: string, flag: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new UsageError(`${flag} must be a positive integer, not '${value}'`);
  return n;
}
