/**
 * Worker thread of integrations/reuse-pages.ts: puts the pages and feeds reused from the
 * previous build into the output (reuse-file.ts `reuseFiles`: hard links, else copies)
 * while the main thread writes the index files. `workerData` is `{ previousDir, outDir,
 * paths }` (output paths); the one message out is the number placed. An error ends the
 * thread (the main thread sees an `error` event and fails the build).
 */
import { parentPort, workerData } from "node:worker_threads";
import { reuseFiles } from "./reuse-file.ts";

const { previousDir, outDir, paths } = workerData as { previousDir: string; outDir: string; paths: string[] };
if (parentPort) parentPort.postMessage(reuseFiles(previousDir, outDir, paths));
