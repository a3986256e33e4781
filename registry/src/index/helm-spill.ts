import { appendFileSync, closeSync, mkdirSync, openSync, readSync } from "node:fs";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { threadId } from "node:worker_threads";
import { STAGING_SCRATCH } from "./write-output.ts";

/** Where a spilled text is: file, byte offset and length. */
export interface SpilledText {
  file: string;
  offset: number;
  length: number;
}

/** A rendered Helm index entry (`HelmIndexEntry` of build-helm-index.ts, which reads spilled texts back). */
interface HelmIndexEntry {
  name: string;
  version: string;
  created: string;
  text: string;
  spilled?: SpilledText;
}

/**
 * One thread's spill file of Helm index entries: how many bytes it holds so far (written and
 * pending), and the texts not yet written (`pending`, appended by {@link flushHelmSpill}).
 */
export interface HelmSpill {
  file: string;
  size: number;
  pending: Buffer[];
  /** Bytes in `pending`. */
  pendingBytes: number;
}

/**
 * Bytes of entry texts a spill holds before it writes them: one `appendFileSync` (open,
 * write, close) per app cost more than the write (about 0.15 s of each thread's CPU on a
 * warm 10,000-app build), and 1 MiB keeps what is held small beside the 100 MB it spills at 50,000 apps.
 */
const SPILL_WRITE_BYTES = 1 << 20;

/**
 * A spill file for this thread's Helm index entries in the staging folder's scratch folder
 * (`<staging>/.appshelf-scratch/helm-entries-<thread id>-<uuid>.yaml`, never published: see
 * `openStaging`). One per thread and run, so offsets need no locking.
 */
export function helmSpillIn(stagingDir: string): HelmSpill {
  const dir = path.join(stagingDir, STAGING_SCRATCH);
  mkdirSync(dir, { recursive: true });
  // A name of its own even when the same thread stages into the same folder twice: offsets count from an empty file.
  return {
    file: path.join(dir, `helm-entries-${threadId}-${randomUUID()}.yaml`),
    size: 0,
    pending: [],
    pendingBytes: 0,
  };
}

/**
 * Adds the entries' texts at the end of the spill file (written once 1 MiB is pending, and by
 * {@link flushHelmSpill}, which must run before they are read back) and returns the entries
 * without them (`text` empty, `spilled` saying where the bytes are): at 50,000 apps the
 * rendered entries of helm/index.yaml are 100 MB of text a build would otherwise hold until
 * the end.
 *
 * @throws a filesystem error
 */
export function spillHelmEntries(entries: readonly HelmIndexEntry[], spill: HelmSpill): HelmIndexEntry[] {
  if (entries.length === 0) return [];
  const texts = entries.map((e) => Buffer.from(e.text, "utf8"));
  for (const text of texts) {
    spill.pending.push(text);
    spill.pendingBytes += text.length;
  }
  if (spill.pendingBytes >= SPILL_WRITE_BYTES) flushHelmSpill(spill);
  return entries.map((e, i) => {
    const length = texts[i]?.length ?? 0;
    const spilled = { file: spill.file, offset: spill.size, length };
    spill.size += length;
    return { name: e.name, version: e.version, created: e.created, text: "", spilled };
  });
}

/**
 * Writes the texts {@link spillHelmEntries} holds for `spill` at the end of its file. A thread
 * calls it after each batch of apps it staged, before their entries can be read back (an
 * entry read before is refused: the file ends before it).
 *
 * @throws a filesystem error
 */
export function flushHelmSpill(spill: HelmSpill): void {
  if (spill.pending.length === 0) return;
  appendFileSync(spill.file, Buffer.concat(spill.pending, spill.pendingBytes));
  spill.pending = [];
  spill.pendingBytes = 0;
}

/**
 * Reads spilled entry texts back (see {@link spillHelmEntries}), each file opened once.
 * `close()` closes them; reading after it reopens.
 */
export function spilledTextReader(): { read(entry: HelmIndexEntry, into: Buffer, at: number): void; close(): void } {
  const open = new Map<string, number>();
  return {
    read(entry, into, at) {
      const where = entry.spilled;
      if (!where) throw new Error(`the Helm index entry ${entry.name} ${entry.version} was not spilled`);
      let fd = open.get(where.file);
      if (fd === undefined) {
        fd = openSync(where.file, "r");
        open.set(where.file, fd);
      }
      let done = 0;
      while (done < where.length) {
        const n = readSync(fd, into, at + done, where.length - done, where.offset + done);
        if (n === 0) throw new Error(`${where.file} ends before the Helm index entry ${entry.name} ${entry.version}`);
        done += n;
      }
    },
    close() {
      for (const fd of open.values()) closeSync(fd);
      open.clear();
    },
  };
}
