/**
 * Entry point of the worker thread that compiles a chart's values.schema.json and checks
 * values.yaml against it (started by `run-values-schema.ts` under time and heap caps).
 * Each message is one `ValuesSchemaRequest`, each reply one `ValuesSchemaReply`.
 */
import type { ErrorObject } from "ajv";
import { parentPort } from "node:worker_threads";
import { compileValuesSchema } from "./compile-values-schema.ts";
import { MAX_SCHEMA_ERRORS, type ValuesSchemaReply, type ValuesSchemaRequest } from "./values-schema-protocol.ts";

const port = parentPort;
if (!port) throw new Error("values-schema-worker.ts runs only as a worker thread");

port.on("message", (request: ValuesSchemaRequest) => {
  port.postMessage(check(request));
});

function check(request: ValuesSchemaRequest): ValuesSchemaReply {
  try {
    const compiled = compileValuesSchema(JSON.parse(request.schemaText));
    if ("unsupported" in compiled) return { kind: "unsupported", dialect: compiled.unsupported };
    if ("invalid" in compiled)
      return {
        kind: "invalid",
        invalid:
          typeof compiled.invalid === "string"
            ? compiled.invalid
            : compiled.invalid.slice(0, MAX_SCHEMA_ERRORS).map(plain),
      };
    if (compiled.validate(request.values)) return { kind: "valid" };
    const errors = compiled.validate.errors ?? [];
    return { kind: "errors", errors: errors.slice(0, MAX_SCHEMA_ERRORS).map(plain), total: errors.length };
  } catch (cause) {
    // compileValuesSchema never throws for a bad schema; what lands here is V8 giving up (stack overflow).
    return {
      kind: "too-complex",
      reason:
        cause instanceof RangeError ? "it nests too deeply (the call stack overflowed)" : (cause as Error).message,
    };
  }
}

/** An ajv error without its copies of the schema, which can be large (the data stays: messages quote it). */
function plain(error: ErrorObject): ErrorObject {
  const { schema: _schema, parentSchema: _parent, ...rest } = error;
  return rest;
}
