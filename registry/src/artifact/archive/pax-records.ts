import { ArchiveError } from "../../errors/archive-error.ts";

/**
 * Keys a pax *global* header (`g`) may set: none of them names, sizes or decodes an
 * entry. Everything else (`path`, `linkpath`, `size`, `hdrcharset`, `GNU.sparse.*`,
 * vendor keys) is refused there: GNU tar and Python apply a global `path` to the entries
 * after it, `tar` (node) and PHP's Archive_Tar ignore it. `git archive` writes `comment`.
 */
export const GLOBAL_KEYS: ReadonlySet<string> = new Set([
  "comment",
  "mtime",
  "atime",
  "ctime",
  "uid",
  "gid",
  "uname",
  "gname",
  "charset",
]);

/**
 * Keys a pax *local* header (`x`) may set. `path`, `linkpath` and `size` are accepted only
 * when they equal the ustar header's fields (checked by the caller). Also accepted: vendor
 * extended attributes `SCHILY.xattr.*`, `LIBARCHIVE.xattr.*` and star's `SCHILY.dev/ino/nlink`
 * (macOS and bsdtar write them; no reader takes a name or size from them). Refused:
 * `hdrcharset` (changes how names are decoded), `GNU.sparse.*` and every unknown key.
 */
export const LOCAL_KEYS: ReadonlySet<string> = new Set([...GLOBAL_KEYS, "path", "linkpath", "size"]);
const VENDOR_KEY = /^(?:SCHILY\.xattr\.|LIBARCHIVE\.xattr\.|SCHILY\.(?:dev|ino|nlink|fflags)$)/;

/** True when a key may appear in a local pax header. */
export function isLocalKey(key: string): boolean {
  return LOCAL_KEYS.has(key) || VENDOR_KEY.test(key);
}

/**
 * Parses the records of a pax extended header (POSIX.1-2001 `pax` format: `"%d %s=%s\n"`,
 * the decimal length counting the whole record), strictly: a record whose length does not
 * end on its newline, a key without `=`, a key given twice, or bytes after the last record
 * are refused, as readers recover from them in different ways.
 *
 * @param data the header's data, exactly its `size` bytes
 * @param entry the entry the header belongs to, for messages
 * @returns the records, keys to values (values as UTF-8 text; `hdrcharset` refused by the caller)
 * @throws ArchiveError `archive/ambiguous-entry`
 */
export function parsePaxRecords(data: Buffer, entry: string): Map<string, string> {
  const records = new Map<string, string>();
  let at = 0;
  while (at < data.length) {
    const space = data.indexOf(0x20, at);
    const lengthText = space > at ? data.toString("latin1", at, space) : "";
    const length = /^[1-9][0-9]{0,7}$/.test(lengthText) ? Number(lengthText) : 0;
    const end = at + length;
    if (length === 0 || end > data.length || data[end - 1] !== 0x0a) {
      throw new ArchiveError(
        "archive/ambiguous-entry",
        `the pax header before ${entry} has a malformed record at byte ${at}; tar readers recover from it differently`,
      );
    }
    const record = data.subarray(space + 1, end - 1);
    const equals = record.indexOf(0x3d);
    if (equals <= 0)
      throw new ArchiveError("archive/ambiguous-entry", `the pax header before ${entry} has a record without 'key='`);
    const key = record.toString("latin1", 0, equals);
    if (records.has(key))
      throw new ArchiveError(
        "archive/ambiguous-entry",
        `the pax header before ${entry} sets '${key}' twice; tar readers keep different ones`,
      );
    let value: string;
    try {
      value = new TextDecoder("utf-8", { fatal: true }).decode(record.subarray(equals + 1));
    } catch {
      throw new ArchiveError(
        "archive/ambiguous-entry",
        `the pax header before ${entry} has a '${key}' that is not UTF-8`,
      );
    }
    records.set(key, value);
    at = end;
  }
  return records;
}
