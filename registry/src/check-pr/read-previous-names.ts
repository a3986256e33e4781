import { openRegistry } from "../client/open-registry.ts";
import { ClientError } from "../errors/client-error.ts";
import { decodeNameTable, type NameTable } from "../names/name-table.ts";
import type { TrustedKeys } from "../signing/trusted-keys.ts";

/** Where check-pr reads the last publish's name table: a registry (URL or folder) and the keys it must be signed with. */
export interface PreviousPublish {
  /** The live registry's base URL, or a folder holding a publish (index.json, index.json.sig, names.json). */
  location: string;
  trustedKeys: TrustedKeys;
}

/** The name table of the last publish, and the commit it was built from, when both could be trusted; a note either way. */
export interface PreviousNames {
  table?: NameTable;
  /** `source.commit` of the signed index.json (full id). */
  commit?: string;
  /** E.g. `names.json of https://…/ (serial 41, commit 1a2b…)`, or why the table is not used. */
  note: string;
}

/**
 * Reads the native-name table the last publish wrote: index.json is opened as a client
 * opens it (signature checked against `trustedKeys`; an expired index is accepted: the
 * table is only as old as its commit, and what changed since is read from Git), then
 * `names.json` through its pin (SHA-256 and size) and schema/names.schema.json. Both
 * `source.commit` and the `names` pin must be in the signed index. Never throws: an
 * unsigned, forged, mismatched, missing or invalid table gives none, with a note saying
 * why (check-pr then reads every version file of the base: slower, never fewer names).
 */
export async function readPreviousNames(previous: PreviousPublish): Promise<PreviousNames> {
  const { location } = previous;
  try {
    const registry = await openRegistry({ location, trustedKeys: previous.trustedKeys, allowExpired: true });
    const { index } = registry;
    const commit = index.source?.commit;
    if (!index.names || commit === undefined)
      return {
        note: `the index at ${location} (serial ${index.serial}) pins no name table with a source commit`,
      };
    const base = registry.source.location;
    const where = `${base}${base.endsWith("/") ? "" : "/"}${index.names.path}`;
    const table = decodeNameTable(await registry.readPinned(index.names, "index.json"), where);
    return { table, commit, note: `${where} (serial ${index.serial}, commit ${commit.slice(0, 12)})` };
  } catch (cause) {
    if (cause instanceof ClientError && cause.reason === "not-found")
      return { note: `no registry published at ${location} yet` };
    return { note: `cannot trust the name table of ${location}: ${(cause as Error).message}` };
  }
}
