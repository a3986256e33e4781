import type { ArchiveFormat, ArchiveLimits, RawEntry } from "./archive-types.ts";
import { readTarGz } from "./read-tar-gz.ts";
import { readPlainTar, readTarBz2 } from "./read-tar.ts";
import { readZip } from "./read-zip.ts";

/**
 * Lists the raw entries of an archive on the calling thread with the reader of its format.
 *
 * @throws ArchiveError as the format readers do
 */
export function unpackInline(bytes: Buffer, format: ArchiveFormat, limits: ArchiveLimits): Promise<RawEntry[]> {
  if (format === "tar") return readPlainTar(bytes, limits);
  if (format === "tar.bz2") return readTarBz2(bytes, limits);
  return format === "tar.gz" ? readTarGz(bytes, limits) : readZip(bytes, limits);
}
