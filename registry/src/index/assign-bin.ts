import { createHash } from "node:crypto";

/** Default number of hex digits naming a bin: 2, i.e. 256 bins (about 40 apps per bin at 10,000 apps). */
export const DEFAULT_BIN_PREFIX_LENGTH = 2;

/**
 * The hashed bin an app belongs to: the first `prefixLength` lowercase hex digits of
 * SHA-256 of the app id's UTF-8 bytes. Hashing spreads apps evenly over bins whatever
 * their names (TUF hashed-bin delegation, as PyPI's PEP 458 assigns targets to bins).
 * Pure.
 *
 * @throws Error when `prefixLength` is not an integer from 1 to 4.
 */
export function assignBin(appId: string, prefixLength: number = DEFAULT_BIN_PREFIX_LENGTH): string {
  if (!Number.isInteger(prefixLength) || prefixLength < 1 || prefixLength > 4)
    throw new Error(`bin prefix length must be 1 to 4 hex digits, not ${prefixLength}`);
  return createHash("sha256").update(appId, "utf8").digest("hex").slice(0, prefixLength);
}

/** Path of a bin file relative to the index folder: `bins/<prefix>.json`. */
export function binPath(prefix: string): string {
  return `bins/${prefix}.json`;
}
