import { canonicalJson } from "../json/canonical-json.ts";
import { readCheckedJson } from "../errors/read-checked-json.ts";
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
  const data = readCheckedJson(bytes, "ledger", "input/ledger", where);
  const ledger = data as Ledger;
  for (const [sha256, entry] of Object.entries(ledger.entries)) {
    if (entry.sha256 !== sha256)
      throw new InputError("input/ledger", `${where}: entry ${sha256} records the digest ${entry.sha256}`);
  }
  return ledger;
}
