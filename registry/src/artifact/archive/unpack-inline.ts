import type { ArchiveFormat, ArchiveLimits, RawEntry } from "./archive-types.ts";
import { readTarGz } from "./read-tar-gz.ts";
import { readZip } from "./read-zip.ts";

/**
 * Lists the raw entries of an archive on the calling thread with the reader of its format.
 *
 * @throws ArchiveError as the format readers do
 */
export function unpackInline(bytes: Buffer, format: ArchiveFormat, limits: ArchiveLimits): Promise<RawEntry[]> {
  return format === "tar.gz" ? readTarGz(bytes, limits) : readZip(bytes, limits);
}
