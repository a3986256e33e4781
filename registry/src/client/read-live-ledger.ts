import { readFile } from "node:fs/promises";
import { ClientError } from "../errors/client-error.ts";
import { decodeLedger } from "../ledger/ledger-file.ts";
import type { LedgerEntry } from "../ledger/ledger-types.ts";
import type { TrustedKeys } from "../signing/trusted-keys.ts";
import { openRegistry } from "./open-registry.ts";

/** Where a restored ledger came from, and what it holds. */
export interface RestoredLedger {
  entries: Record<string, LedgerEntry>;
  /** What happened, for the build's report, e.g. `restored 120 entries from https://…/ledger.json (serial 41)`. */
  note: string;
}

/**
 * Restores the ledger of the last publish. `location` is a `.json` file (a ledger kept by
 * hand or by a CI cache), or a registry (URL or folder): its index.json is opened as a
 * client opens it, signature checked against `trustedKeys` (an expired index is accepted:
 * restoring its ledger is how a late re-sign recovers), and `ledger.json` is read through
 * its pin. A registry with no index.json yet, or whose index pins no ledger, gives an
 * empty ledger (every artifact is then checked fresh).
 *
 * @throws InputError / ClientError when the file or index cannot be read or trusted, or the ledger is invalid
 */
export async function restoreLedger(location: string, trustedKeys: TrustedKeys): Promise<RestoredLedger> {
  if (location.endsWith(".json")) {
    const entries = decodeLedger(await readFile(location), location).entries;
    return { entries, note: `restored ${Object.keys(entries).length} ledger entries from ${location}` };
  }
  let registry;
  try {
    registry = await openRegistry({ location, trustedKeys, allowExpired: true });
  } catch (cause) {
    if (cause instanceof ClientError && cause.reason === "not-found")
      return { entries: {}, note: `no registry published at ${location} yet: every artifact is checked fresh` };
    throw cause;
  }
  const ref = registry.index.ledger;
  if (!ref)
    return {
      entries: {},
      note: `the index at ${location} (serial ${registry.index.serial}) pins no ledger: every artifact is checked fresh`,
    };
  const bytes = await registry.readPinned(ref, "index.json");
  const entries = decodeLedger(bytes, `${registry.source.location}${ref.path}`).entries;
  return {
    entries,
    note: `restored ${Object.keys(entries).length} ledger entries from ${registry.source.location}${ref.path} (serial ${registry.index.serial})`,
  };
}
