/**
 * Entry point of the worker thread that unpacks archives (started by `unpack-in-worker.ts`).
 * Each message is one job, `UnpackRequest`; each reply an `UnpackReply`. File contents go
 * back in one transferred ArrayBuffer, with each entry's offset and length into it.
 */
import { parentPort } from "node:worker_threads";
import { ArchiveError } from "../../errors/archive-error.ts";
import type { UnpackReply, UnpackRequest } from "./unpack-protocol.ts";
import { unpackInline } from "./unpack-inline.ts";

const port = parentPort;
if (!port) throw new Error("unpack-worker.ts runs only as a worker thread");

port.on("message", (request: UnpackRequest) => {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength);
  unpackInline(bytes, request.format, request.limits).then(
    (entries) => {
      const data = new Uint8Array(entries.reduce((sum, entry) => sum + (entry.data?.length ?? 0), 0));
      let offset = 0;
      const listed = entries.map((entry) => {
        if (!entry.data) return { path: entry.path, kind: entry.kind };
        data.set(entry.data, offset);
        offset += entry.data.length;
        return { path: entry.path, kind: entry.kind, offset: offset - entry.data.length, length: entry.data.length };
      });
      const reply: UnpackReply = { ok: true, entries: listed, data: data.buffer };
      port.postMessage(reply, [data.buffer]);
    },
    (cause: unknown) => {
      const reply: UnpackReply = {
        ok: false,
        ruleId: cause instanceof ArchiveError ? cause.ruleId : "archive/corrupt",
        message: (cause as Error).message,
      };
      port.postMessage(reply);
    },
  );
});
