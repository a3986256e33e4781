import { Worker } from "node:worker_threads";

/** Smallest heap limit given to a worker, in MiB; a smaller limit is raised to it (below ~16 MiB V8 cannot create the heap, and that ends the process). */
export const MIN_HEAP_MB = 32;

/** Time and memory caps of one job. */
export interface WorkerCaps {
  /** Wall-clock limit in ms; past it the worker is terminated. */
  timeoutMs: number;
  /** JavaScript heap limit in MiB (`resourceLimits.maxOldGenerationSizeMb`), at least {@link MIN_HEAP_MB}. */
  maxHeapMb: number;
}

/** Why a job ended without a reply: past its time, past its heap, or the worker failed otherwise. */
export type CapFailure =
  | { cap: "timeout"; timeoutMs: number }
  | { cap: "memory"; maxHeapMb: number }
  | { cap: "crash"; message: string };

interface Job<Request, Reply> {
  request: Request;
  transfer: ArrayBuffer[];
  caps: WorkerCaps;
  resolve: (reply: Reply | CapFailure) => void;
}

/**
 * One `node:worker_threads` worker running untrusted-input jobs one at a time under a time
 * and a heap cap, so pathological input (a compression bomb, a ReDoS pattern, an
 * exponential JSON Schema) costs at most `timeoutMs` of wall-clock time and `maxHeapMb` of
 * heap, and never blocks or crashes the calling thread. Jobs queue; a job past its time
 * gets the worker terminated and a fresh one started for the next; an idle worker does not
 * keep the process alive. The worker script answers each message with one reply.
 * Used by the archive readers (`artifact/archive/unpack-in-worker.ts`) and the values
 * schema checks (`artifact/inspect/helm/run-values-schema.ts`).
 */
export class CappedWorker<Request, Reply> {
  readonly #script: URL;
  #worker: Worker | undefined;
  #heapMb = 0;
  #running: { job: Job<Request, Reply>; timer: NodeJS.Timeout } | undefined;
  readonly #waiting: Job<Request, Reply>[] = [];

  /** @param script URL of the worker's entry module */
  constructor(script: URL) {
    this.#script = script;
  }

  /**
   * Runs one job. Never rejects: a job stopped by a cap resolves to a {@link CapFailure}.
   *
   * @param transfer ArrayBuffers moved (not copied) to the worker; they are unusable afterwards
   */
  run(request: Request, caps: WorkerCaps, transfer: ArrayBuffer[] = []): Promise<Reply | CapFailure> {
    return new Promise((resolve) => {
      this.#waiting.push({ request, transfer, caps, resolve });
      this.#next();
    });
  }

  #next(): void {
    if (this.#running) return;
    const job = this.#waiting.shift();
    if (!job) {
      this.#worker?.unref();
      return;
    }
    const heapMb = Math.max(MIN_HEAP_MB, job.caps.maxHeapMb);
    if (!this.#worker || this.#heapMb !== heapMb) {
      this.#stop();
      this.#worker = this.#start(heapMb);
      this.#heapMb = heapMb;
    }
    this.#worker.ref();
    const timer = setTimeout(() => {
      this.#stop();
      this.#finish({ cap: "timeout", timeoutMs: job.caps.timeoutMs });
    }, job.caps.timeoutMs);
    this.#running = { job, timer };
    try {
      this.#worker.postMessage(job.request, job.transfer);
    } catch (cause) {
      // Structured cloning recurses: data nested deeply enough overflows the stack here.
      this.#finish({ cap: "crash", message: `the input could not be sent to the worker: ${(cause as Error).message}` });
    }
  }

  #start(heapMb: number): Worker {
    const started = new Worker(this.#script, {
      resourceLimits: {
        maxOldGenerationSizeMb: heapMb,
        maxYoungGenerationSizeMb: Math.max(1, Math.min(32, Math.floor(heapMb / 4))),
      },
    });
    started.on("message", (reply: Reply) => {
      if (started === this.#worker) this.#finish(reply);
    });
    started.on("error", (cause: Error & { code?: string }) => {
      if (started !== this.#worker) return;
      this.#worker = undefined;
      this.#finish(
        cause.code === "ERR_WORKER_OUT_OF_MEMORY"
          ? { cap: "memory", maxHeapMb: heapMb }
          : { cap: "crash", message: cause.message },
      );
    });
    started.on("exit", (code) => {
      if (started !== this.#worker) return;
      this.#worker = undefined;
      this.#finish({ cap: "crash", message: `the worker stopped (exit code ${code})` });
    });
    return started;
  }

  #stop(): void {
    const old = this.#worker;
    this.#worker = undefined;
    void old?.terminate();
  }

  #finish(outcome: Reply | CapFailure): void {
    if (!this.#running) return;
    const { job, timer } = this.#running;
    clearTimeout(timer);
    this.#running = undefined;
    job.resolve(outcome);
    this.#next();
  }
}

/** True when a job's outcome is a cap failure rather than the worker's reply. */
export function isCapFailure(outcome: unknown): outcome is CapFailure {
  return typeof outcome === "object" && outcome !== null && "cap" in outcome;
}
