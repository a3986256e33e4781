import { mkdirSync, writeFileSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Writes `files` (relative path -> bytes) as the complete content of folder `outDir`,
 * atomically: everything is written to a temporary sibling folder first, then swapped
 * into place with renames, so readers see the old output or the new one, never a mix,
 * and a failure leaves the old output untouched. Paths must be relative and stay inside
 * `outDir`.
 *
 * @throws Error on a path escaping `outDir`, or on a filesystem error (the temp folder is removed).
 */
export async function writeOutput(outDir: string, files: ReadonlyMap<string, Buffer>): Promise<void> {
  await writeFolderAtomically(outDir, (staging) => {
    // Synchronous writes, each folder made once: a build writes thousands of small files,
    // and queuing each call on the thread pool costs more than the write itself.
    const made = new Set<string>([staging]);
    for (const [relative, bytes] of files) {
      const full = path.resolve(staging, relative);
      if (!full.startsWith(staging + path.sep)) throw new Error(`refusing to write ${relative}: outside ${outDir}`);
      const dir = path.dirname(full);
      if (!made.has(dir)) {
        mkdirSync(dir, { recursive: true });
        made.add(dir);
      }
      writeFileSync(full, bytes);
    }
    return Promise.resolve();
  });
}

/**
 * Fills a fresh temporary sibling of `outDir` with `fill(staging)`, then swaps it into
 * place with renames: readers see the old folder or the new one, never a mix, and when
 * `fill` throws the temp folder is removed and the old output stays untouched (no partial
 * folder is ever left). Used by {@link writeOutput} and the catalog build
 * (`site/scripts/build-site.ts`).
 *
 * @throws whatever `fill` throws, or a filesystem error
 */
export async function writeFolderAtomically(outDir: string, fill: (staging: string) => Promise<void>): Promise<void> {
  const target = path.resolve(outDir);
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true });
  const staging = await mkdtemp(path.join(parent, `.${path.basename(target)}.new-`));
  try {
    await fill(staging);
  } catch (cause) {
    await rm(staging, { recursive: true, force: true });
    throw cause;
  }
  const retired = `${staging}.old`;
  let hadOld = true;
  try {
    await rename(target, retired);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause;
    hadOld = false;
  }
  await rename(staging, target);
  if (hadOld) await rm(retired, { recursive: true, force: true });
}
