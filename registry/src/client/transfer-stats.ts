/** One read from the registry host or the artifact host. */
export interface TransferRecord {
  /** URL or file path read. */
  url: string;
  /** HTTP status (200, 304, 404, ...), or 0 for a local file. */
  status: number;
  /** Body bytes received (after content decoding); 0 for 304. */
  bytes: number;
}

/**
 * Requests and bytes a client used, counted on every read (HTTP or local folder; cache
 * hits are not reads). A benchmark reports these.
 */
export interface TransferStats {
  requests: number;
  /** Body bytes received in total. */
  bytes: number;
  log: TransferRecord[];
}

/** Fresh, zeroed counters. */
export function newTransferStats(): TransferStats {
  return { requests: 0, bytes: 0, log: [] };
}

/** Counts one read. */
export function recordTransfer(stats: TransferStats, record: TransferRecord): void {
  stats.requests += 1;
  stats.bytes += record.bytes;
  stats.log.push(record);
}
