/**
 * Worker thread of integrations/reuse-pages.ts: puts the pages and feeds reused from the
 * previous build into the output (reuse-file.ts `reuseFiles`: hard links, else copies)
 * while the main thread renders the other pages and writes the index files. `workerData`
 * is `{ previousDir, outDir }`; each message in is a list of output paths to place, then
 * `null`, answered with the number placed in all (the main thread then stops it). An error
 * ends the thread (the main thread sees an `error` event and fails the build).
 */
import { parentPort, workerData } from "node:worker_threads";
import { reuseFiles } from "./reuse-file.ts";

const { previousDir, outDir } = workerData as { previousDir: string; outDir: string };
const made = new Set<string>();
let placed = 0;
parentPort?.on("message", (paths: string[] | null) => {
  if (paths !== null) {
    placed += reuseFiles(previousDir, outDir, paths, made);
    return;
  }
  parentPort?.postMessage(placed);
});
