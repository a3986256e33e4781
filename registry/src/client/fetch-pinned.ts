import { sha256Hex } from "../artifact/digest.ts";
import type { FileRef } from "../index/index-types.ts";
import { checkPinned } from "./check-pinned.ts";
import { ClientError } from "../errors/client-error.ts";
import type { MetadataCache } from "./metadata-cache.ts";
import type { RegistrySource } from "./registry-source.ts";

/** A pinned file that was read and verified, for the report of what was checked. */
export interface VerifiedFile {
  path: string;
  sha256: string;
  /** Bytes. */
  size: number;
  /** The file holding the pin. */
  pinnedBy: string;
  /** True when the bytes came from the local cache (no request). */
  cached: boolean;
}

/**
 * Reads a file pinned by another verified file and checks it (see {@link checkPinned}):
 * from the cache when it holds those exact bytes, else from the source, reading no more
 * than the pinned size. Verified bytes are added to the cache.
 *
 * @throws ClientError `not-found` when the host lacks the file, `size-mismatch`,
 *   `digest-mismatch`, or a transport error.
 */
export async function fetchPinned(
  source: RegistrySource,
  cache: MetadataCache | undefined,
  ref: FileRef,
  pinnedBy: string,
): Promise<{ bytes: Buffer; verified: VerifiedFile }> {
  const cached = await cache?.get(ref.sha256);
  if (cached && cached.length === ref.size)
    return { bytes: cached, verified: { path: ref.path, sha256: ref.sha256, size: ref.size, pinnedBy, cached: true } };
  let read;
  try {
    read = await source.read(ref.path, { maxBytes: ref.size });
  } catch (cause) {
    if (cause instanceof ClientError && cause.reason === "too-large") {
      throw new ClientError(
        "size-mismatch",
        `${ref.path} size mismatch: expected ${ref.size} bytes (pinned by ${pinnedBy}) but the host sent more; the host served a different file than the registry published`,
      );
    }
    throw cause;
  }
  if (read.status !== "ok")
    throw new ClientError(
      "not-found",
      `${ref.path}, pinned by ${pinnedBy}, is missing from ${source.location}`,
      "the registry is incomplete or being re-published; retry later",
    );
  checkPinned(ref, { sha256: sha256Hex(read.bytes), size: read.bytes.length }, pinnedBy);
  await cache?.put(read.bytes).catch(() => undefined);
  return {
    bytes: read.bytes,
    verified: { path: ref.path, sha256: ref.sha256, size: ref.size, pinnedBy, cached: false },
  };
}
