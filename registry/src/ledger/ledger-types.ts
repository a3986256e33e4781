import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { Diagnostic } from "../report/diagnostic.ts";

/**
 * Verification ledger: what was proven about each released artifact, by digest
 * (`schema/ledger.schema.json`). Released artifacts are immutable, so a check that passed
 * once need not download the bytes again; the ledger is published as `ledger.json`,
 * pinned from index.json, and restored by the next publish.
 */
export interface Ledger {
  formatVersion: 1;
  /** Entry by the artifact's SHA-256 (lowercase hex). */
  entries: Record<string, LedgerEntry>;
}

/** One successful check of one artifact. */
export interface LedgerEntry {
  /** Where the bytes were read from (the manifest's URL), or `hosted:<file name>` for a copy the registry hosts (`hosted: true`). */
  url: string;
  /** Digest and size in bytes of the bytes checked (equal to the manifest's). */
  sha256: string;
  size: number;
  /**
   * SHA-256 of what the check was made for: app id, version file path and the version
   * manifest's data. A changed manifest is checked fresh (see {@link decideLedgerUse}).
   */
  manifest: string;
  /** The inspection's outcome: its warnings (it had no errors, or nothing would be recorded) and the metadata it read. */
  inspection: { diagnostics: Diagnostic[]; metadata?: ArtifactMetadata };
  /** Versions of the tools the check ran with: `appshelf` (inspection code key), `node`. */
  tools: Record<string, string>;
  /** When the bytes were last downloaded and checked (RFC 3339 UTC). */
  verifiedAt: string;
  /** YYYY-MM-DD: first publish at which the URL no longer answered; absent while it does. */
  unavailableSince?: string;
}

/** What a publish does with the ledger: the entries restored from the last publish and today's date. */
export interface LedgerContext {
  entries: Record<string, LedgerEntry>;
  /** Tool versions of this run (see `inspectionTools`). */
  tools: Record<string, string>;
  /** Clock of this publish (RFC 3339 UTC); its date marks newly unavailable artifacts. */
  now: string;
  /** Ask each reused artifact's host whether it still serves it (HEAD); off when offline. */
  probe: boolean;
}
