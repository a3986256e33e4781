import { gunzip, type ZlibOptions } from "node:zlib";
import { ArchiveError } from "../../errors/archive-error.ts";
import { type ArchiveLimits } from "./archive-types.ts";

/**
 * Most bytes the decompressed tar stream of an archive may have: the file content limit
 * plus 2 KiB per entry (a 512-byte header, a pax header and block padding) plus 1 MiB for
 * long-name records and the end-of-archive blocks.
 */
export function maxTarBytes(limits: ArchiveLimits): number {
  return limits.maxUnpackedBytes + limits.maxEntries * 2048 + 1024 * 1024;
}

/**
 * Decompresses a gzip file (one or more members) with a hard cap on the output, so a
 * tiny file that inflates to gigabytes stops at `maxBytes` (zlib's `maxOutputLength`;
 * `tar`'s own guard is only a 1000:1 ratio). Bytes after the last gzip member are
 * refused: a tar.gz with a zip appended is a polyglot that other tools would read as a
 * different archive.
 *
 * @param maxBytes most decompressed bytes, see {@link maxTarBytes}
 * @throws ArchiveError `archive/too-large` past `maxBytes`; `archive/corrupt` on a bad or
 *   truncated gzip stream, or trailing data
 */
export function gunzipCapped(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  // `info: true` makes zlib return the engine too, whose bytesWritten is the compressed input consumed.
  const options: ZlibOptions & { info: true } = { maxOutputLength: maxBytes, info: true };
  return new Promise((resolve, reject) => {
    gunzip(bytes, options, (cause, result: unknown) => {
      if (cause) {
        const code = (cause as NodeJS.ErrnoException).code;
        if (code === "ERR_BUFFER_TOO_LARGE")
          reject(new ArchiveError("archive/too-large", `decompresses to more than ${maxBytes} bytes`));
        else reject(new ArchiveError("archive/corrupt", `not a valid gzip stream: ${cause.message}`));
        return;
      }
      const { buffer, engine } = result as { buffer: Buffer; engine: { bytesWritten: number } };
      if (engine.bytesWritten !== bytes.length) {
        reject(
          new ArchiveError(
            "archive/corrupt",
            `${bytes.length - engine.bytesWritten} bytes follow the end of the gzip stream`,
          ),
        );
        return;
      }
      resolve(buffer);
    });
  });
}
