import { ArchiveError } from "../../errors/archive-error.ts";

/** Size of a tar block and of a header, in bytes (POSIX.1-2001 ustar). */
export const BLOCK = 512;

/** The raw fields of one 512-byte tar header that decide which entry it is and how long its data is. */
export interface TarHeader {
  /** Byte offset of the header in the tar stream. */
  offset: number;
  /** `name` field (bytes 0..100) up to its first NUL. */
  name: Buffer;
  /** `linkname` field (157..257) up to its first NUL. */
  linkname: Buffer;
  /** `prefix` field (345..500) up to its first NUL, read whatever the magic says (PHP's Archive_Tar does). */
  prefix: Buffer;
  /** Type flag (byte 156), `"0"` for a NUL flag (old tars). */
  type: string;
  /** Data length in bytes from the `size` field. */
  size: number;
  /** `"ustar"` (POSIX, prefix is a path prefix), `"gnu"` (prefix bytes are GNU times) or `"v7"` (no magic). */
  magic: "ustar" | "gnu" | "v7";
}

const TEXT_FIELDS = [
  ["name", 0, 100],
  ["linkname", 157, 257],
  ["prefix", 345, 500],
] as const;

/**
 * Reads the header at `offset`, refusing what readers could read differently: a bad
 * checksum (GNU tar, Python's tarfile and `tar` refuse it, a lenient reader does not),
 * text fields with bytes after their NUL terminator (PHP's Archive_Tar before PHP 5.5
 * kept them), a size that is not plain octal, and GNU or v7 headers with bytes in the
 * POSIX prefix area (POSIX readers and Archive_Tar prepend it to the name, GNU readers
 * read times there).
 *
 * @throws ArchiveError `archive/corrupt` (bad checksum or size), `archive/ambiguous-entry`
 */
export function readTarHeader(block: Buffer, offset: number): TarHeader {
  if (!checksumValid(block))
    throw new ArchiveError("archive/corrupt", `the tar header at byte ${offset} has a wrong checksum`);
  const fields: Record<string, Buffer> = {};
  for (const [field, start, end] of TEXT_FIELDS) {
    const raw = block.subarray(start, end);
    const nul = raw.indexOf(0);
    if (nul >= 0 && raw.subarray(nul).some((byte) => byte !== 0)) {
      throw new ArchiveError(
        "archive/ambiguous-entry",
        `the tar header at byte ${offset} (${field} ${shownBytes(raw.subarray(0, nul))}) has bytes after the end of its ${field}; tar readers disagree on such names`,
      );
    }
    fields[field] = nul >= 0 ? raw.subarray(0, nul) : raw;
  }
  const magicText = block.toString("latin1", 257, 265);
  const magic = magicText === "ustar\u000000" ? "ustar" : magicText === "ustar  \u0000" ? "gnu" : "v7";
  if (magic !== "ustar" && block.subarray(345, 500).some((byte) => byte !== 0)) {
    throw new ArchiveError(
      "archive/ambiguous-entry",
      `the tar entry ${shownBytes(fields.name ?? Buffer.alloc(0))} is a ${magic === "gnu" ? "GNU" : "pre-POSIX"} header with data in the POSIX prefix field: POSIX readers and PHP's Archive_Tar would prepend it to the name, GNU readers would not`,
    );
  }
  const flag = block[156] ?? 0;
  return {
    offset,
    name: fields.name ?? Buffer.alloc(0),
    linkname: fields.linkname ?? Buffer.alloc(0),
    prefix: magic === "ustar" ? (fields.prefix ?? Buffer.alloc(0)) : Buffer.alloc(0),
    type: flag === 0 ? "0" : String.fromCharCode(flag),
    size: octal(block.subarray(124, 136), `the size of the tar header at byte ${offset}`),
    magic,
  };
}

/** True when the 512 bytes are all zero (an end-of-archive block). */
export function isZeroBlock(block: Buffer): boolean {
  return block.every((byte) => byte === 0);
}

/** The ustar path: `prefix/name` when the prefix is set, else the name. */
export function ustarPath(header: TarHeader): Buffer {
  return header.prefix.length > 0 ? Buffer.concat([header.prefix, Buffer.from("/"), header.name]) : header.name;
}

/**
 * Decodes bytes of a name as UTF-8, refusing invalid sequences (readers replace or
 * escape them each in their own way, so two different byte strings could meet).
 *
 * @throws ArchiveError `archive/ambiguous-entry`
 */
export function utf8Name(bytes: Buffer, what: string): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new ArchiveError(
      "archive/ambiguous-entry",
      `${what} ${shownBytes(bytes)} is not valid UTF-8; tar readers decode such names differently`,
    );
  }
}

/** Bytes shown for a message: printable ASCII as is, anything else as `\xNN`, at most 200 bytes. */
export function shownBytes(bytes: Buffer): string {
  let text = "";
  for (const byte of bytes.subarray(0, 200))
    text +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, "0")}`;
  return `'${text}${bytes.length > 200 ? "…" : ""}'`;
}

function checksumValid(block: Buffer): boolean {
  const stored = block.subarray(148, 156);
  if (!/^[ ]*[0-7]{1,8}[ \u0000]*$/.test(stored.toString("latin1"))) return false;
  let unsigned = 0;
  for (let i = 0; i < BLOCK; i++) unsigned += i >= 148 && i < 156 ? 32 : (block[i] ?? 0);
  return (
    Number.parseInt(
      stored
        .toString("latin1")
        .trim()
        .replace(/\u0000+$/, ""),
      8,
    ) === unsigned
  );
}

/** Plain octal with optional leading spaces and trailing NULs or spaces; base-256 and anything else refused. */
function octal(field: Buffer, what: string): number {
  const text = field.toString("latin1");
  const match = /^[ ]*([0-7]*)[ \u0000]*$/.exec(text);
  if (!match) throw new ArchiveError("archive/corrupt", `${what} is not an octal number`);
  return match[1] === "" ? 0 : Number.parseInt(match[1] ?? "0", 8);
}
