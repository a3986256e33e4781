import type { FileRef } from "../index/index-types.ts";
import { ClientError } from "../errors/client-error.ts";

/**
 * Checks bytes against the pin (SHA-256 and size) another verified file gave them. Pure.
 * Each pinned file is checked against the file pinning it, so files from different builds
 * can never be mixed (TUF's mix-and-match attack, specification section 5.5/5.6).
 *
 * @param actual SHA-256 (hex) and size in bytes of what was read
 * @param pinnedBy the file holding the pin, for the message
 * @throws ClientError `size-mismatch` or `digest-mismatch`, saying expected and actual values
 */
export function checkPinned(
  ref: Pick<FileRef, "path" | "sha256"> & { size?: number },
  actual: { sha256: string; size: number },
  pinnedBy: string,
  what = ref.path,
): void {
  const hint =
    "if the registry is being re-published, retry in a minute; otherwise the host or something between is altering files";
  if (ref.size !== undefined && actual.size !== ref.size) {
    throw new ClientError(
      "size-mismatch",
      `${what} size mismatch: expected ${ref.size} bytes (pinned by ${pinnedBy}) got ${actual.size}; the host served a different file than the registry published`,
      hint,
    );
  }
  if (actual.sha256 !== ref.sha256) {
    throw new ClientError(
      "digest-mismatch",
      `${what} sha256 mismatch: expected ${ref.sha256} (pinned by ${pinnedBy}) got ${actual.sha256}; the host served a different file than the registry published`,
      hint,
    );
  }
}
