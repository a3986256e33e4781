import { ArchiveError } from "../../errors/archive-error.ts";
import { GLOBAL_KEYS, isLocalKey, parsePaxRecords } from "./pax-records.ts";
import {
  BLOCK,
  isZeroBlock,
  readTarHeader,
  shownBytes,
  ustarPath,
  utf8Name,
  type TarHeader,
} from "./tar-header-fields.ts";

/** Type flags of entries that carry data to unpack: regular and contiguous files. */
const FILE_TYPES = new Set(["0", "7"]);
/** Type flags of entries (hard link, symlink, devices, folder, FIFO): refused or kept by `checkEntries`, here only read. */
const OTHER_ENTRY_TYPES = new Set(["1", "2", "3", "4", "5", "6"]);

/** Headers seen before an entry, that rename or resize it. */
interface Pending {
  pax?: Map<string, string>;
  longName?: Buffer;
  longLink?: Buffer;
}

/**
 * Walks the headers of an uncompressed tar on its own (not through the `tar` package) and
 * refuses every archive whose entry names or boundaries readers could see differently:
 * GNU tar and Python's `tarfile` (pax- and GNU-aware), `tar` (node, what Appshelf
 * inspects with) and PHP's Archive_Tar (Nextcloud's installer, which reads the ustar name
 * and GNU long names, not pax). Refused, each message naming the entry:
 * - a pax global header (`g`) setting anything but comments, times and owners (a global
 *   `path` renames every later entry in GNU tar and Python only): `archive/ambiguous-entry`;
 * - a pax local header whose `path` differs from the ustar `prefix/name`, whose `linkpath`
 *   differs from the ustar link name, whose `size` differs from the header's, that sets
 *   `hdrcharset` or an unknown key, or comes twice: `archive/ambiguous-entry`;
 * - a GNU long name (`L`/`K`) next to a pax `path`, given twice, with bytes after its NUL,
 *   or not starting with the ustar name written beside it: `archive/ambiguous-entry`;
 * - GNU sparse files (type `S`, pax `GNU.sparse.*`): `archive/sparse`;
 * - type flags other than POSIX `0`–`7`, `x`, `g` and GNU `L`, `K`: `archive/entry-type`;
 * - a size on a folder, link or device (Python does not skip such data, GNU tar does),
 *   a file type whose name ends in `/`, non-UTF-8 names, a header without a name
 *   (Archive_Tar skips it but reads its data as headers), a header not followed by its
 *   entry, and anything but zero bytes after the end-of-archive block: `archive/ambiguous-entry`;
 * - bad checksums, sizes and truncated data: `archive/corrupt`.
 *
 * @param tar the decompressed tar stream
 * @returns the path of every entry, in order, as all those readers name it
 * @throws ArchiveError as listed above
 */
export function auditTarHeaders(tar: Buffer): string[] {
  const paths: string[] = [];
  let pending: Pending = {};
  let offset = 0;
  while (offset + BLOCK <= tar.length) {
    const block = tar.subarray(offset, offset + BLOCK);
    if (isZeroBlock(block)) {
      if (hasPending(pending)) throw ambiguous(`a pax or long-name header at the end of the archive names no entry`);
      if (!isZeroBlock(tar.subarray(offset))) {
        throw ambiguous(
          `data follows the end-of-archive block at byte ${offset}; GNU tar with --ignore-zeros and Python would read further entries there, others stop`,
        );
      }
      return paths;
    }
    const header = readTarHeader(block, offset);
    if (header.name.length === 0)
      throw ambiguous(`the tar header at byte ${offset} has no name; PHP's Archive_Tar skips it but not its data`);
    const dataStart = offset + BLOCK;
    if (dataStart + header.size > tar.length)
      throw new ArchiveError(
        "archive/corrupt",
        `the tar entry ${shownBytes(ustarPath(header))} is cut short: its data passes the end of the archive`,
      );
    const data = tar.subarray(dataStart, dataStart + header.size);
    offset = dataStart + Math.ceil(header.size / BLOCK) * BLOCK;
    pending = readHeader(header, data, pending, paths);
  }
  if (hasPending(pending)) throw ambiguous("a pax or long-name header at the end of the archive names no entry");
  if (!isZeroBlock(tar.subarray(offset)))
    throw new ArchiveError("archive/corrupt", "the tar stream ends in a partial block");
  return paths;
}

function readHeader(header: TarHeader, data: Buffer, pending: Pending, paths: string[]): Pending {
  const shown = shownBytes(ustarPath(header));
  switch (header.type) {
    case "g":
      if (hasPending(pending))
        throw ambiguous(`a pax global header sits between the headers of entry ${shown} and that entry`);
      for (const key of parsePaxRecords(data, "a global header").keys()) {
        if (key.startsWith("GNU.sparse.")) throw sparse(`a pax global header sets '${key}'`);
        if (!GLOBAL_KEYS.has(key))
          throw ambiguous(
            `a pax global header sets '${key}': GNU tar and Python apply it to every later entry, node's tar and PHP's Archive_Tar ignore it`,
          );
      }
      return pending;
    case "x": {
      if (pending.pax) throw ambiguous(`entry ${shown} has two pax headers; tar readers keep different ones`);
      const pax = parsePaxRecords(data, `entry ${shown}`);
      for (const key of pax.keys()) {
        if (key.startsWith("GNU.sparse.")) throw sparse(`the pax header of entry ${shown} sets '${key}'`);
        if (!isLocalKey(key))
          throw ambiguous(
            `the pax header of entry ${shown} sets '${key}', which Appshelf does not accept (it may rename, resize or re-encode the entry in some readers)`,
          );
      }
      return { ...pending, pax };
    }
    case "L":
    case "K": {
      const field = header.type === "L" ? "longName" : "longLink";
      if (pending[field])
        throw ambiguous(
          `entry ${shown} has two GNU long-${header.type === "L" ? "name" : "link"} headers; tar readers keep different ones`,
        );
      const nul = data.indexOf(0);
      if (nul >= 0 && data.subarray(nul).some((byte) => byte !== 0))
        throw ambiguous(`a GNU long-name header ${shownBytes(data.subarray(0, nul))} has bytes after its NUL`);
      return { ...pending, [field]: nul >= 0 ? data.subarray(0, nul) : data };
    }
    case "S":
      throw sparse(`entry ${shown} is a GNU sparse file`);
    default:
      if (!FILE_TYPES.has(header.type) && !OTHER_ENTRY_TYPES.has(header.type)) {
        throw new ArchiveError(
          "archive/entry-type",
          `entry ${shown} has tar type '${header.type}', which is neither a file, a folder, a link nor a device; readers treat unknown types differently (Python unpacks them as files)`,
        );
      }
      paths.push(entryPath(header, data.length, pending));
      return {};
  }
}

/** The entry's path once every rule holds: the ustar path, or the GNU long name it abbreviates. */
function entryPath(header: TarHeader, dataLength: number, pending: Pending): string {
  const ustar = ustarPath(header);
  const shown = shownBytes(ustar);
  const { pax, longName, longLink } = pending;
  if (!FILE_TYPES.has(header.type) && dataLength > 0)
    throw ambiguous(
      `entry ${shown} is a folder, link or device with ${dataLength} bytes of data; Python reads that data as the next header, GNU tar skips it`,
    );
  if (FILE_TYPES.has(header.type) && (longName ?? ustar).at(-1) === 0x2f)
    throw ambiguous(`entry ${shown} is a file whose name ends in '/'; some readers make it a folder`);
  if (pax?.has("size") && pax.get("size") !== String(header.size))
    throw ambiguous(
      `the pax header of entry ${shown} gives size ${pax.get("size")}, the ustar header ${header.size}; readers that ignore pax would find another entry after it`,
    );
  const paxPath = pax?.get("path");
  if (longName && paxPath !== undefined)
    throw ambiguous(`entry ${shown} is named both by a GNU long name and a pax path; tar readers pick different ones`);
  if (paxPath !== undefined && !Buffer.from(paxPath).equals(ustar)) {
    throw ambiguous(
      `the pax header names entry '${paxPath.slice(0, 200)}' but its ustar header names it ${shown}: GNU tar, Python and node's tar read the first, PHP's Archive_Tar (Nextcloud) the second`,
    );
  }
  if (longName && !(header.prefix.length === 0 && longName.subarray(0, header.name.length).equals(header.name))) {
    throw ambiguous(
      `the GNU long name ${shownBytes(longName)} does not begin with the name ${shown} written beside it; readers without long names would see another file`,
    );
  }
  const paxLink = pax?.get("linkpath");
  if (longLink && paxLink !== undefined)
    throw ambiguous(`entry ${shown} has both a GNU long link name and a pax linkpath`);
  if (paxLink !== undefined && !Buffer.from(paxLink).equals(header.linkname))
    throw ambiguous(`the pax linkpath of entry ${shown} differs from its ustar link name`);
  if (longLink && !longLink.subarray(0, header.linkname.length).equals(header.linkname))
    throw ambiguous(`the GNU long link name of entry ${shown} does not begin with its ustar link name`);
  return utf8Name(longName ?? ustar, "the entry name");
}

function hasPending(pending: Pending): boolean {
  return pending.pax !== undefined || pending.longName !== undefined || pending.longLink !== undefined;
}

function ambiguous(message: string): ArchiveError {
  return new ArchiveError("archive/ambiguous-entry", message);
}

function sparse(message: string): ArchiveError {
  return new ArchiveError(
    "archive/sparse",
    `${message}: sparse files are refused (readers without sparse support unpack the map as data); repack without --sparse`,
  );
}
