import writeFileAtomic from "write-file-atomic";

/**
 * Options for `write-file-atomic`: no `fsync` (as the tools wrote these files before: caches,
 * records and generated files, each rewritten whole on the next run when lost).
 */
const OPTIONS = { fsync: false };

/** `bytes` as `write-file-atomic` takes them (a string or a Buffer; a Uint8Array viewed, not copied). */
function asBuffer(bytes: Uint8Array | string): Buffer | string {
  return typeof bytes === "string" || Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/**
 * Writes `bytes` (or UTF-8 text) to a temporary sibling of `file`, then renames it over
 * `file`: a reader, or a run beside this one, sees the old file or the new one, never part of
 * it. `write-file-atomic` (npm's own) does it: a temporary name of its own per write, so two
 * writers of one file, in one process or in two, never share one; the temporary file removed
 * when the write or rename fails (or the process exits first); an existing file's mode and
 * owner kept. The folder must exist. Used for every file the tools replace in place: the
 * manifest cache's packs and records, signatures, imported manifests, the client's metadata
 * cache and trust state, the artifact cache, review records, Helm verdicts, and the files the
 * scripts generate or fetch (`gen:types`, `gen:lint`, the reference files).
 *
 * @throws the filesystem error of the write or the rename
 */
export async function replaceFile(file: string, bytes: Uint8Array | string): Promise<void> {
  await writeFileAtomic(file, asBuffer(bytes), OPTIONS);
}

/** {@link replaceFile} with synchronous calls (a thread that writes many small files, or cannot wait). */
export function replaceFileSync(file: string, bytes: Uint8Array | string): void {
  writeFileAtomic.sync(file, asBuffer(bytes), OPTIONS);
}
