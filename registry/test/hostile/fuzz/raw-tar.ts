/**
 * A tar writer for tests that writes exactly the header fields it is given (test-only):
 * any ustar name and prefix, type flag, magic, size and pax records, so the tests can build
 * the ambiguous archives real writers never make. Checksums are computed unless broken on purpose.
 */

/** One 512-byte header and its data as written. */
export interface RawHeader {
  name: string;
  prefix?: string;
  /** Type flag character, e.g. "0", "5", "x", "g", "L", "S". */
  type: string;
  data?: Buffer | string;
  /** Size field; defaults to the data's length. */
  size?: number;
  linkname?: string;
  magic?: "ustar" | "gnu" | "v7";
}

/** The pax data of `records`: `"%d %s=%s\n"` with the length counting the whole record. */
export function paxData(records: readonly (readonly [string, string])[]): Buffer {
  return Buffer.concat(
    records.map(([key, value]) => {
      const body = ` ${key}=${value}\n`;
      const bodyLength = Buffer.byteLength(body);
      let length = bodyLength + 1;
      while (String(length).length + bodyLength !== length) length++;
      return Buffer.from(`${length}${body}`);
    }),
  );
}

/** The 512-byte header block of `header` (checksum filled in). */
export function headerBlock(header: RawHeader): Buffer {
  const block = Buffer.alloc(512);
  const data = Buffer.from(header.data ?? "");
  block.write(header.name, 0, 100, "utf8");
  block.write("0000644\u0000", 100, "latin1");
  block.write("0000000\u0000", 108, "latin1");
  block.write("0000000\u0000", 116, "latin1");
  block.write(`${(header.size ?? data.length).toString(8).padStart(11, "0")}\u0000`, 124, "latin1");
  block.write("00000000000\u0000", 136, "latin1");
  block.write(header.type, 156, "latin1");
  block.write(header.linkname ?? "", 157, 100, "utf8");
  const magic = header.magic ?? "ustar";
  if (magic === "ustar") block.write("ustar\u000000", 257, "latin1");
  if (magic === "gnu") block.write("ustar  \u0000", 257, "latin1");
  block.write(header.prefix ?? "", 345, 155, "utf8");
  block.write("        ", 148, "latin1");
  let sum = 0;
  for (const byte of block) sum += byte;
  block.write(`${sum.toString(8).padStart(6, "0")}\u0000 `, 148, "latin1");
  return block;
}

/** An uncompressed tar of `headers` (each followed by its data, padded), then two zero blocks and `trailer`. */
export function rawTar(headers: readonly RawHeader[], trailer: Buffer = Buffer.alloc(0)): Buffer {
  const parts: Buffer[] = [];
  for (const header of headers) {
    const data = Buffer.from(header.data ?? "");
    parts.push(headerBlock(header), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024), trailer);
  return Buffer.concat(parts);
}
