import { createHash } from "node:crypto";

/** What was read: size in bytes, SHA-256 (hex) and, when collected, the bytes. */
export interface CappedRead {
  size: number;
  sha256: string;
  bytes?: Buffer;
}

/** How to read: the cap in bytes, the error to throw past it, and what to do with each chunk. */
export interface CappedReadOptions {
  maxBytes: number;
  /** The error thrown as soon as more than `maxBytes` arrive (given `maxBytes`). */
  tooLarge: (maxBytes: number) => Error;
  /** Keep the bytes and return them. */
  collect: boolean;
  /** Called with each chunk and the bytes received so far (e.g. to write a file, show progress). */
  onChunk?: (chunk: Uint8Array, received: number) => Promise<void> | void;
}

/**
 * Reads a stream, hashing while it streams (SHA-256), and stops as soon as more than
 * `maxBytes` arrive: throwing inside the for-await loop cancels the stream, so the transfer
 * ends there ("if your archive is too big, we abort the download", as the Nextcloud app
 * store puts it). Used by the registry's artifact downloads and by the runtime client.
 *
 * @throws the `tooLarge(maxBytes)` error past the cap; errors of the stream or of `onChunk` pass through.
 */
export async function readCapped(chunks: AsyncIterable<Uint8Array>, options: CappedReadOptions): Promise<CappedRead> {
  const hash = createHash("sha256");
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    if (size > options.maxBytes) throw options.tooLarge(options.maxBytes);
    hash.update(chunk);
    if (options.collect) kept.push(chunk);
    await options.onChunk?.(chunk, size);
  }
  return { size, sha256: hash.digest("hex"), ...(options.collect ? { bytes: Buffer.concat(kept) } : {}) };
}
