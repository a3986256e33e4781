import { Worker } from "node:worker_threads";
import { ArchiveError, DEFAULT_ARCHIVE_LIMITS, type ArchiveFormat, type ArchiveLimits, type RawEntry } from "./archive-types.ts";
import type { UnpackReply, UnpackRequest } from "./unpack-protocol.ts";

interface Job {
  bytes: Buffer;
  format: ArchiveFormat;
  limits: ArchiveLimits;
  resolve: (entries: RawEntry[]) => void;
  reject: (error: ArchiveError) => void;
}

/** Smallest heap limit given to the worker, in MiB; a smaller `maxHeapMb` is raised to it. */
export const MIN_HEAP_MB = 32;

/** The one worker thread, its heap limit in MiB, the job it runs and the jobs waiting. */
let worker: Worker | undefined;
let workerHeapMb = 0;
let running: { job: Job; timer: NodeJS.Timeout } | undefined;
const waiting: Job[] = [];

/**
 * Lists the raw entries of an archive in a `node:worker_threads` worker, so a hostile
 * archive that slips past the byte caps (pathological compression, a parser bug) costs
 * at most `limits.timeoutMs` of wall-clock time and `limits.maxHeapMb` of JavaScript heap,
 * and never blocks or crashes the calling thread. One worker is kept for the whole
 * process and runs one job at a time (jobs queue); a job past its time limit gets the
 * worker terminated and a fresh one started for the next. The worker does not keep the
 * process alive while idle.
 *
 * @throws ArchiveError `archive/timeout` past the time limit, `archive/resources` past the
 *   heap limit, or whatever the format reader refused (same rule ids as inline)
 */
export function unpackInWorker(bytes: Buffer, format: ArchiveFormat, limits: ArchiveLimits): Promise<RawEntry[]> {
  return new Promise((resolve, reject) => {
    waiting.push({ bytes, format, limits, resolve, reject });
    runNext();
  });
}

function runNext(): void {
  if (running) return;
  const job = waiting.shift();
  if (!job) {
    worker?.unref();
    return;
  }
  // Below ~16 MiB V8 cannot even create the worker's heap, and that failure ends the whole process.
  const heapMb = Math.max(MIN_HEAP_MB, job.limits.maxHeapMb ?? DEFAULT_ARCHIVE_LIMITS.maxHeapMb ?? 256);
  if (!worker || workerHeapMb !== heapMb) {
    stopWorker();
    worker = startWorker(heapMb);
    workerHeapMb = heapMb;
  }
  worker.ref();
  const timeoutMs = job.limits.timeoutMs ?? DEFAULT_ARCHIVE_LIMITS.timeoutMs ?? 20_000;
  const timer = setTimeout(() => {
    stopWorker();
    finish(new ArchiveError("archive/timeout", `unpacking took longer than ${timeoutMs} ms and was stopped`));
  }, timeoutMs);
  running = { job, timer };
  // A copy in a fresh ArrayBuffer: the caller's Buffer may share its memory with others, so it is not transferred.
  const bytes = new Uint8Array(job.bytes);
  const request: UnpackRequest = { bytes, format: job.format, limits: { maxEntries: job.limits.maxEntries, maxUnpackedBytes: job.limits.maxUnpackedBytes } };
  worker.postMessage(request, [bytes.buffer]);
}

function startWorker(heapMb: number): Worker {
  const started = new Worker(new URL("./unpack-worker.ts", import.meta.url), {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: Math.max(1, Math.min(32, Math.floor(heapMb / 4))) },
  });
  started.on("message", (reply: UnpackReply) => {
    if (started === worker) finish(reply.ok ? toEntries(reply) : new ArchiveError(reply.ruleId, reply.message));
  });
  started.on("error", (cause: Error & { code?: string }) => {
    if (started !== worker) return;
    worker = undefined;
    finish(
      cause.code === "ERR_WORKER_OUT_OF_MEMORY"
        ? new ArchiveError("archive/resources", `unpacking needed more than ${heapMb} MiB of memory and was stopped`)
        : new ArchiveError("archive/corrupt", `unpacking failed: ${cause.message}`),
    );
  });
  started.on("exit", (code) => {
    if (started !== worker) return;
    worker = undefined;
    finish(new ArchiveError("archive/resources", `the unpacking worker stopped (exit code ${code})`));
  });
  return started;
}

function stopWorker(): void {
  const old = worker;
  worker = undefined;
  void old?.terminate();
}

function finish(outcome: RawEntry[] | ArchiveError): void {
  if (!running) return;
  const { job, timer } = running;
  clearTimeout(timer);
  running = undefined;
  if (outcome instanceof ArchiveError) job.reject(outcome);
  else job.resolve(outcome);
  runNext();
}

function toEntries(reply: Extract<UnpackReply, { ok: true }>): RawEntry[] {
  return reply.entries.map((entry) =>
    entry.offset === undefined || entry.length === undefined
      ? { path: entry.path, kind: entry.kind }
      : { path: entry.path, kind: entry.kind, data: Buffer.from(reply.data, entry.offset, entry.length) },
  );
}
