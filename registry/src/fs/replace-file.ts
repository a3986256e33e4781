import { rmSync, renameSync, writeFileSync } from "node:fs";
import { rename, rm, writeFile } from "node:fs/promises";

/**
 * A temporary sibling of `file` for {@link replaceFile}: the same folder (so the rename stays
 * on one filesystem), named by process id and a random suffix, so two writers of one file, in
 * one process or in two, never share a temporary file.
 */
function tempSibling(file: string): string {
  return `${file}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
}

/**
 * Writes `bytes` (or UTF-8 text) to a temporary sibling of `file`, then renames it over
 * `file`: a reader, or a run beside this one, sees the old file or the new one, never part of
 * it. The folder must exist. On failure the temporary file is removed and `file` is as it was.
 * Used for every file the tools replace in place: the manifest cache's packs and records,
 * signatures, imported manifests, the client's metadata cache and trust state, the artifact
 * cache, review records, Helm verdicts, and the files the scripts generate or fetch
 * (`gen:types`, `gen:lint`, the reference files).
 *
 * @throws the filesystem error of the write or the rename
 */
export async function replaceFile(file: string, bytes: Uint8Array | string): Promise<void> {
  const temp = tempSibling(file);
  try {
    await writeFile(temp, bytes);
    await rename(temp, file);
  } catch (cause) {
    await rm(temp, { force: true }).catch(() => {});
    throw cause;
  }
}

/** {@link replaceFile} with synchronous calls (a thread that writes many small files, or cannot wait). */
export function replaceFileSync(file: string, bytes: Uint8Array | string): void {
  const temp = tempSibling(file);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch (cause) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // the write's or rename's error is the one to report
    }
    throw cause;
  }
}
