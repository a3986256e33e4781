import { CappedWorker, isCapFailure, type WorkerCaps } from "../../../sandbox/capped-worker.ts";
import type { ValuesSchemaReply, ValuesSchemaRequest } from "./values-schema-protocol.ts";

/**
 * Caps of one values-schema check: 10 s and 256 MiB of heap. Real charts' schemas (Bitnami's
 * included) compile and run in well under a second and a few MiB; a ReDoS pattern is
 * already linear under RE2, so these stop exponential `anyOf`/`$ref` chains.
 */
export const VALUES_SCHEMA_CAPS: WorkerCaps = { timeoutMs: 10_000, maxHeapMb: 256 };

const worker = new CappedWorker<ValuesSchemaRequest, ValuesSchemaReply>(
  new URL("./values-schema-worker.ts", import.meta.url),
);

/**
 * Compiles a chart's values.schema.json (its text, valid JSON) and validates values.yaml with it in a worker
 * thread under `caps` (see {@link CappedWorker}): a third-party schema can never hang or
 * crash `validate`, `check-pr` or `build`. A schema that passes a cap gives
 * `{ kind: "too-complex" }` with the cap named. Never rejects.
 */
export async function runValuesSchema(
  schemaText: string,
  values: unknown,
  caps: WorkerCaps = VALUES_SCHEMA_CAPS,
): Promise<ValuesSchemaReply> {
  const reply = await worker.run({ schemaText, values }, caps);
  if (!isCapFailure(reply)) return reply;
  if (reply.cap === "timeout")
    return { kind: "too-complex", reason: `checking it took longer than ${reply.timeoutMs} ms` };
  if (reply.cap === "memory")
    return { kind: "too-complex", reason: `checking it needed more than ${reply.maxHeapMb} MiB of memory` };
  return { kind: "too-complex", reason: `checking it stopped the worker: ${reply.message}` };
}
