import { createHash } from "node:crypto";
import { ClientError } from "./client-error.ts";

/** What was read: size in bytes, SHA-256 (hex) and, when collected, the bytes. */
export interface CappedRead {
  size: number;
  sha256: string;
  bytes?: Buffer;
}

/**
 * Reads a stream, hashing while it streams (SHA-256), and stops with a `too-large`
 * ClientError as soon as more than `maxBytes` arrive. Each chunk goes to `onChunk` (e.g. a
 * file) and, with `collect`, into the returned bytes.
 *
 * @param what names the file in the error message
 * @throws ClientError `too-large`; errors of the stream or of `onChunk` pass through.
 */
export async function readCapped(
  chunks: AsyncIterable<Uint8Array>,
  options: { maxBytes: number; what: string; collect: boolean; onChunk?: (chunk: Uint8Array, received: number) => Promise<void> | void },
): Promise<CappedRead> {
  const hash = createHash("sha256");
  const kept: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of chunks) {
    size += chunk.length;
    // Throwing inside for-await cancels the stream: the transfer stops here.
    if (size > options.maxBytes) throw new ClientError("too-large", `${options.what} is larger than ${options.maxBytes} bytes; download stopped`);
    hash.update(chunk);
    if (options.collect) kept.push(chunk);
    await options.onChunk?.(chunk, size);
  }
  return { size, sha256: hash.digest("hex"), ...(options.collect ? { bytes: Buffer.concat(kept) } : {}) };
}
