import type { ArchiveFormat, EntryKind } from "./archive-types.ts";

/** One job for the unpacking worker: the archive bytes (transferred) and the byte and entry caps. */
export interface UnpackRequest {
  bytes: Uint8Array;
  format: ArchiveFormat;
  limits: { maxEntries: number; maxUnpackedBytes: number };
}

/** One entry in a reply; `offset`/`length` (bytes) locate a file's content in `data`. */
export interface UnpackedEntry {
  path: string;
  kind: EntryKind;
  offset?: number;
  length?: number;
}

/** The worker's answer: every entry and their contents, or the refusal of a format reader. */
export type UnpackReply =
  | { ok: true; entries: UnpackedEntry[]; data: ArrayBuffer }
  | { ok: false; ruleId: string; message: string };
