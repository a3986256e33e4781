import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import v8 from "node:v8";

/**
 * How far a V8 heap may grow past the data still live after a full garbage collection
 * before the next one, in percent (V8's `--heap-growing-percent`).
 */
export const HEAP_GROWING_PERCENT = 50;

/**
 * Bounds how far every V8 heap of this process grows past its live data: to
 * {@link HEAP_GROWING_PERCENT} % instead of V8's own choice, which goes up to 4 times the
 * live data while collecting costs little beside allocating. Why: a build allocates far more
 * than it keeps (parsed manifests, rendered files), and on its own V8 let each thread's heap
 * grow to 3-4 times its live data. Measured at 50,000 apps x 10 versions on two threads
 * (validate + build, files staged as built): peak memory 2,375 MiB without the bound,
 * 1,599 MiB with it, for about 9 s more of full-collection pauses summed over both threads.
 * A V8 flag holds for the whole process and all its threads, those already started too (the
 * growing factor is read at each collection). Changes no result, only when memory is
 * collected. A run answered from whole-app results allocates little that lives long (each
 * bucket's pack, let go after the bucket), and there the bound costs time for nothing:
 * measured on a warm 10,000-app build on two threads, 1.2 to 1.5 s more CPU (of 7 to 8 s), so
 * runs call it only when {@link cachedWholeResults} says the cache will not answer them.
 */
export function boundHeapGrowth(): void {
  v8.setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}

/**
 * Bytes of whole-app result packs per app below which a run counts as one that parses its
 * apps: a warm 10,000 x 10 registry's packs hold about 16 KiB per app (2.5 MB per pack of
 * about 156 apps); 4 KiB also passes registries of apps with one or two versions.
 */
export const WHOLE_RESULT_BYTES_PER_APP = 4096;

/**
 * Whether the manifest cache folder `folder` (one engine key's) already holds whole-app
 * results for about `apps` apps: its `apps-<bucket>.bin` packs hold at least
 * {@link WHOLE_RESULT_BYTES_PER_APP} bytes per app. A guess made before any pack is read (to
 * decide on {@link boundHeapGrowth}); false when the folder cannot be read (a cold run).
 */
export function cachedWholeResults(folder: string, apps: number): boolean {
  try {
    let bytes = 0;
    for (const name of readdirSync(folder))
      if (/^apps-\d+\.bin$/.test(name)) bytes += statSync(path.join(folder, name)).size;
    return bytes >= apps * WHOLE_RESULT_BYTES_PER_APP;
  } catch {
    return false;
  }
}
