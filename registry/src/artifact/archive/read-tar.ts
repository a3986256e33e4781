import unbzip2 from "unbzip2-stream";
import { ArchiveError } from "../../errors/archive-error.ts";
import { type ArchiveLimits, type RawEntry } from "./archive-types.ts";
import { maxTarBytes } from "./gunzip-capped.ts";
import { parseTar } from "./read-tar-gz.ts";

/**
 * Lists the entries of an uncompressed tar (the `.tar` OpenPitrix accepts) with the same
 * parser and limits as a tar.gz; the whole file counts against {@link maxTarBytes}.
 *
 * @throws ArchiveError as `readTarGz` does
 */
export function readPlainTar(bytes: Buffer, limits: ArchiveLimits): Promise<RawEntry[]> {
  if (bytes.length > maxTarBytes(limits))
    throw new ArchiveError(
      "archive/too-large",
      `a tar of ${bytes.length} bytes is larger than ${maxTarBytes(limits)} bytes`,
    );
  return parseTar(bytes, limits);
}

/**
 * Lists the entries of a bzip2-compressed tar (`.tar.bz2`, OpenPitrix "TAR.BZ"): the bzip2
 * layer is undone with `unbzip2-stream` with a cap on the output, then the tar is parsed
 * as a tar.gz's is.
 *
 * @throws ArchiveError `archive/too-large` past the cap, `archive/corrupt` on a bad bzip2
 *   stream, and as `readTarGz` does
 */
export async function readTarBz2(bytes: Buffer, limits: ArchiveLimits): Promise<RawEntry[]> {
  return parseTar(await bunzip2Capped(bytes, maxTarBytes(limits)), limits);
}

/** Decompresses bzip2 data, stopping at `maxBytes` of output (decompression bombs). */
export function bunzip2Capped(bytes: Buffer, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const stream = unbzip2();
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (outcome: Error | Buffer) => {
      if (done) return;
      done = true;
      if (outcome instanceof Error) {
        stream.destroy();
        reject(outcome);
      } else resolve(outcome);
    };
    stream.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) finish(new ArchiveError("archive/too-large", `decompresses to more than ${maxBytes} bytes`));
      else chunks.push(chunk);
    });
    stream.on("error", (cause: Error) =>
      finish(new ArchiveError("archive/corrupt", `not a valid bzip2 stream: ${cause.message}`)),
    );
    stream.on("end", () => finish(Buffer.concat(chunks)));
    stream.end(bytes);
  });
}
