import type { LedgerEntry } from "./ledger-types.ts";

/** The artifact a version names, and the hash of its manifest (see `LedgerEntry.manifest`). */
export interface ArtifactClaim {
  url: string;
  sha256: string;
  size: number | undefined;
  manifest: string;
}

/**
 * Whether a version's artifact check may be taken from the ledger. Pure.
 *
 * - `reuse`: an entry for the same digest, URL, size and manifest, made with the same
 *   tools: the bytes are not downloaded again.
 * - `fallback`: same digest, URL, size and manifest, older tools: check fresh, but if the
 *   host no longer serves the file the recorded check stands (marked unavailable).
 * - `fresh`: no entry, or anything the check depended on changed (a new or changed version).
 */
export function decideLedgerUse(
  claim: ArtifactClaim,
  entry: LedgerEntry | undefined,
  tools: Readonly<Record<string, string>>,
): "reuse" | "fallback" | "fresh" {
  if (!entry) return "fresh";
  if (entry.sha256 !== claim.sha256 || entry.url !== claim.url || entry.manifest !== claim.manifest) return "fresh";
  if (claim.size !== undefined && claim.size !== entry.size) return "fresh";
  const same =
    Object.keys(tools).length === Object.keys(entry.tools).length &&
    Object.entries(tools).every(([k, v]) => entry.tools[k] === v);
  return same ? "reuse" : "fallback";
}

/**
 * The `unavailableSince` of an entry after a probe of its URL: kept when it was already
 * unavailable, set to `today` when it just became so, dropped when it answers again. Pure.
 *
 * @param today YYYY-MM-DD
 */
export function nextUnavailableSince(
  entry: Pick<LedgerEntry, "unavailableSince">,
  probe: "available" | "gone" | "unknown",
  today: string,
): string | undefined {
  if (probe === "available") return undefined;
  if (probe === "gone") return entry.unavailableSince ?? today;
  return entry.unavailableSince;
}
