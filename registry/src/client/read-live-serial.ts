import { DEFAULT_CLIENT_LIMITS } from "./client-limits.ts";
import { ClientError } from "../errors/client-error.ts";
import { openSource } from "./open-source.ts";
import { newTransferStats } from "./transfer-stats.ts";

/**
 * The serial of the index currently published at `location` (base URL or folder), so a
 * new publish can go above it: undefined when there is no index.json yet (HTTP 404) or it
 * predates serials (formatVersion 1). The signature is not checked: the number only
 * raises the next serial, and a wrong one can at worst make clients refuse the next
 * publish as a rollback, which the publish workflow's own verify step would show.
 *
 * @throws ClientError when the host cannot be read, or the file is not an index.
 */
export async function readLiveSerial(location: string): Promise<number | undefined> {
  const source = openSource(location, DEFAULT_CLIENT_LIMITS, newTransferStats());
  const read = await source.read("index.json", { maxBytes: DEFAULT_CLIENT_LIMITS.maxIndexBytes });
  if (read.status !== "ok") return undefined;
  let index: { formatVersion?: unknown; serial?: unknown };
  try {
    index = JSON.parse(read.bytes.toString("utf8")) as typeof index;
  } catch {
    throw new ClientError("invalid-metadata", `${source.location}index.json is not JSON`);
  }
  if (index.formatVersion === 1) return undefined;
  if (!Number.isSafeInteger(index.serial) || (index.serial as number) < 0)
    throw new ClientError("invalid-metadata", `index.json at ${source.location} has no valid serial`);
  return index.serial as number;
}
