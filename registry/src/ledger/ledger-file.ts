import { readFile } from "node:fs/promises";
import { ClientError } from "../errors/client-error.ts";
import { openRegistry } from "../client/open-registry.ts";
import { canonicalJson } from "../json/canonical-json.ts";
import type { TrustedKeys } from "../signing/trusted-keys.ts";
import { schemaCheck } from "../json/schemas.ts";
import type { Ledger, LedgerEntry } from "./ledger-types.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** `ledger.json` bytes of `entries`: canonical JSON (sorted keys), so an unchanged ledger is byte-identical. */
export function encodeLedger(entries: Readonly<Record<string, LedgerEntry>>): Buffer {
  const ledger: Ledger = { formatVersion: 1, entries: { ...entries } };
  return canonicalJson(ledger);
}

/**
 * Reads ledger bytes and checks them against schema/ledger.schema.json.
 *
 * @param where file or URL, for messages
 * @throws InputError naming `where` when the bytes are not a valid ledger
 */
export function decodeLedger(bytes: Buffer, where: string): Ledger {
  let data: unknown;
  try {
    data = JSON.parse(bytes.toString("utf8"));
  } catch (cause) {
    throw new InputError("input/ledger", `${where} is not JSON: ${(cause as Error).message}`);
  }
  const errors = schemaCheck("ledger")(data);
  if (errors.length > 0) throw new InputError("input/ledger", `${where} does not match schema/ledger.schema.json: ${errors.map((e) => `${e.instancePath} ${e.message}`).join("; ")}`);
  const ledger = data as Ledger;
  for (const [sha256, entry] of Object.entries(ledger.entries)) {
    if (entry.sha256 !== sha256) throw new InputError("input/ledger", `${where}: entry ${sha256} records the digest ${entry.sha256}`);
  }
  return ledger;
}

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
    if (cause instanceof ClientError && cause.reason === "not-found") return { entries: {}, note: `no registry published at ${location} yet: every artifact is checked fresh` };
    throw cause;
  }
  const ref = registry.index.ledger;
  if (!ref) return { entries: {}, note: `the index at ${location} (serial ${registry.index.serial}) pins no ledger: every artifact is checked fresh` };
  const bytes = await registry.readPinned(ref, "index.json");
  const entries = decodeLedger(bytes, `${registry.source.location}${ref.path}`).entries;
  return { entries, note: `restored ${Object.keys(entries).length} ledger entries from ${registry.source.location}${ref.path} (serial ${registry.index.serial})` };
}
