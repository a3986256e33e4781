import { renameSync, writeFileSync } from "node:fs";

/**
 * Writes `bytes` to a temporary sibling of `file` (named by process id and a random suffix),
 * then renames it over `file`: a reader, or a run beside this one, sees the old file or the
 * new one, never part of it (the manifest cache's packs and records).
 *
 * @throws a filesystem error (the temporary file may be left beside `file`)
 */
export function replaceFileSync(file: string, bytes: Uint8Array): void {
  const temp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  writeFileSync(temp, bytes);
  renameSync(temp, file);
}
