import { CappedWorker, isCapFailure } from "../../sandbox/capped-worker.ts";
import { ArchiveError } from "../../errors/archive-error.ts";
import { DEFAULT_ARCHIVE_LIMITS, type ArchiveFormat, type ArchiveLimits, type RawEntry } from "./archive-types.ts";
import type { UnpackReply, UnpackRequest } from "./unpack-protocol.ts";

/** The one unpacking worker of the process (see {@link CappedWorker}). */
const worker = new CappedWorker<UnpackRequest, UnpackReply>(new URL("./unpack-worker.ts", import.meta.url));

/**
 * Lists the raw entries of an archive in a `node:worker_threads` worker, so a hostile
 * archive that slips past the byte caps (pathological compression, a parser bug) costs
 * at most `limits.timeoutMs` of wall-clock time and `limits.maxHeapMb` of JavaScript heap,
 * and never blocks or crashes the calling thread. One worker is kept for the whole
 * process and runs one job at a time (jobs queue); a job past its time limit gets the
 * worker terminated and a fresh one started for the next ({@link CappedWorker}).
 *
 * @throws ArchiveError `archive/timeout` past the time limit, `archive/resources` past the
 *   heap limit, or whatever the format reader refused (same rule ids as inline)
 */
export async function unpackInWorker(bytes: Buffer, format: ArchiveFormat, limits: ArchiveLimits): Promise<RawEntry[]> {
  const caps = {
    timeoutMs: limits.timeoutMs ?? DEFAULT_ARCHIVE_LIMITS.timeoutMs ?? 20_000,
    maxHeapMb: limits.maxHeapMb ?? DEFAULT_ARCHIVE_LIMITS.maxHeapMb ?? 256,
  };
  // A copy in a fresh ArrayBuffer: the caller's Buffer may share its memory with others, so it is not transferred.
  const copy = new Uint8Array(bytes);
  const request: UnpackRequest = {
    bytes: copy,
    format,
    limits: { maxEntries: limits.maxEntries, maxUnpackedBytes: limits.maxUnpackedBytes },
  };
  const reply = await worker.run(request, caps, [copy.buffer]);
  if (isCapFailure(reply)) {
    if (reply.cap === "timeout")
      throw new ArchiveError("archive/timeout", `unpacking took longer than ${reply.timeoutMs} ms and was stopped`);
    if (reply.cap === "memory")
      throw new ArchiveError(
        "archive/resources",
        `unpacking needed more than ${reply.maxHeapMb} MiB of memory and was stopped`,
      );
    throw new ArchiveError(
      reply.message.startsWith("the worker stopped") ? "archive/resources" : "archive/corrupt",
      `unpacking failed: ${reply.message}`,
    );
  }
  if (!reply.ok) throw new ArchiveError(reply.ruleId, reply.message);
  return reply.entries.map((entry) =>
    entry.offset === undefined || entry.length === undefined
      ? { path: entry.path, kind: entry.kind }
      : { path: entry.path, kind: entry.kind, data: Buffer.from(reply.data, entry.offset, entry.length) },
  );
}
