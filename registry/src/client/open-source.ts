import type { ClientLimits } from "./client-limits.ts";
import { openDirSource } from "./dir-source.ts";
import { openHttpSource } from "./http-source.ts";
import type { RegistrySource } from "./registry-source.ts";
import type { TransferStats } from "./transfer-stats.ts";
import { fileURLToPath } from "node:url";

/**
 * Opens a registry by what a user typed: an `http(s)://` URL, a `file://` URL, or a folder
 * path.
 *
 * @throws ClientError `insecure-url` for a plain-http URL to another machine.
 */
export function openSource(location: string, limits: ClientLimits, stats: TransferStats): RegistrySource {
  if (/^https?:\/\//i.test(location)) return openHttpSource(location, limits, stats);
  if (/^file:\/\//i.test(location)) return openDirSource(fileURLToPath(location), limits, stats);
  return openDirSource(location, limits, stats);
}
