import { sha256Hex } from "../artifact/digest.ts";
import { assignBin, binPath } from "./assign-bin.ts";
import { canonicalJson } from "../json/canonical-json.ts";
import type { BinFile, FileRef } from "./index-types.ts";

/** The bin files of a build and the pins index.json lists them under. */
export interface BuiltBins {
  /** `bins/<prefix>.json` -> bytes. */
  files: Map<string, Buffer>;
  /** Pin of each non-empty bin by its prefix, prefixes in ascending order. */
  refs: Record<string, FileRef>;
}

/**
 * Groups shard pins into hashed bins (TUF hashed-bin delegation, PEP 458): each app goes
 * to the bin {@link assignBin} names, each bin file pins its apps' shards (ids sorted), and
 * only non-empty bins are written. Pure; same input, byte-identical output.
 *
 * @param shards shard pin by app id
 * @param prefixLength hex digits naming a bin (1-4)
 */
export function buildBins(shards: ReadonlyMap<string, FileRef>, prefixLength: number): BuiltBins {
  const grouped = new Map<string, Record<string, FileRef>>();
  for (const id of [...shards.keys()].sort()) {
    const prefix = assignBin(id, prefixLength);
    const bin = grouped.get(prefix) ?? {};
    bin[id] = shards.get(id) as FileRef;
    grouped.set(prefix, bin);
  }
  const files = new Map<string, Buffer>();
  const refs: Record<string, FileRef> = {};
  for (const prefix of [...grouped.keys()].sort()) {
    const bin: BinFile = { formatVersion: 1, prefix, shards: grouped.get(prefix) ?? {} };
    const bytes = canonicalJson(bin);
    const path = binPath(prefix);
    files.set(path, bytes);
    refs[prefix] = { path, sha256: sha256Hex(bytes), size: bytes.length };
  }
  return { files, refs };
}
