import pLimit from "p-limit";
import { assignBin } from "../index/assign-bin.ts";
import type { AppShard, BinFile, Catalog, FileRef } from "../index/index-types.ts";
import { readCapped } from "../artifact/read-capped.ts";
import { checkPinned } from "./check-pinned.ts";
import { SIGNATURE_FILE } from "../signing/signature-file.ts";
import { ClientError, tooLargeError } from "../errors/client-error.ts";
import type { Registry } from "./open-registry.ts";
import { parseMetadata } from "./parse-metadata.ts";
import { isRelativeUrl } from "./registry-source.ts";

/** Reads of shards, icons and artifacts kept waiting at once. */
const READS_IN_FLIGHT = 32;

/** Everything an opened registry publishes, read and verified. */
export interface WholeRegistry {
  catalog: Catalog;
  /** Every app's shard, by app id, in catalog order. */
  shards: Map<string, AppShard>;
  /** The pin of every app's shard (from its bin), by app id. */
  shardRefs: Map<string, FileRef>;
  /**
   * Every file of the registry by path (relative to its root), as verified: index.json and
   * index.json.sig, the catalog, the Helm index, the ledger, the review ledger, the name table and Nextcloud API files when
   * index.json pins them, every bin, every shard, every icon and every artifact kept in
   * the registry. A static host serving these bytes serves the same registry.
   */
  files: Map<string, Buffer>;
}

/**
 * Reads a whole opened registry (a static mirror or a catalog built from it reads it all):
 * index.json -> catalog, Helm index, ledger, Nextcloud API files, bins -> shards -> icons
 * and artifacts kept in the registry, each against its pin (see `Registry.readPinned`), each
 * metadata file against its schema. Every app of the catalog must be in the bin its id
 * hashes to, and each shard must hold the app its bin lists it for.
 *
 * @throws ClientError on the first file that is missing or fails its pin, schema or consistency check.
 */
export async function readWholeRegistry(registry: Registry): Promise<WholeRegistry> {
  const { index } = registry;
  const files = new Map<string, Buffer>([["index.json", registry.indexBytes]]);
  if (registry.signatureBytes) files.set(SIGNATURE_FILE, registry.signatureBytes);
  const pinned = async (ref: { path: string; sha256: string; size: number }, by: string) => {
    const bytes = await registry.readPinned(ref, by);
    files.set(ref.path, bytes);
    return bytes;
  };
  const catalog = parseMetadata<Catalog>(await pinned(index.catalog, "index.json"), "catalog", index.catalog.path);
  await pinned(index.helmIndex, "index.json");
  if (index.ledger) await pinned(index.ledger, "index.json");
  if (index.reviews) await pinned(index.reviews, "index.json");
  if (index.names) await pinned(index.names, "index.json");
  for (const ref of index.nextcloudApi ?? []) await pinned(ref, "index.json");
  const bins = new Map<string, BinFile>();
  for (const [prefix, ref] of Object.entries(index.bins.files)) {
    const bin = parseMetadata<BinFile>(await pinned(ref, "index.json"), "bin", ref.path);
    if (bin.prefix !== prefix)
      throw new ClientError(
        "invalid-metadata",
        `${ref.path} holds bin '${bin.prefix}', but index.json lists it as bin '${prefix}'`,
      );
    bins.set(prefix, bin);
  }
  // Shards, icons and artifacts are read READS_IN_FLIGHT at a time: one by one, each read waits for the last.
  const limit = pLimit(READS_IN_FLIGHT);
  const read = await Promise.all(
    catalog.apps.map((entry) =>
      limit(async () => {
        const prefix = assignBin(entry.id, index.bins.prefixLength);
        const binPath = index.bins.files[prefix]?.path ?? `bin ${prefix}`;
        const ref = bins.get(prefix)?.shards[entry.id];
        if (!ref)
          throw new ClientError(
            "invalid-metadata",
            `${index.catalog.path} lists app '${entry.id}', but no bin named by index.json pins its shard`,
          );
        const shard = parseMetadata<AppShard>(await pinned(ref, binPath), "shard", ref.path);
        if (shard.id !== entry.id)
          throw new ClientError(
            "invalid-metadata",
            `${ref.path} holds app '${shard.id}', but ${binPath} lists it for '${entry.id}'`,
          );
        if (entry.icon) await pinned(entry.icon, index.catalog.path);
        for (const v of shard.versions.filter((x) => isRelativeUrl(x.artifact.url)))
          files.set(v.artifact.url, await readArtifact(registry, v.artifact, ref.path));
        return { id: entry.id, shard, ref };
      }),
    ),
  );
  const shards = new Map(read.map((r) => [r.id, r.shard]));
  const shardRefs = new Map(read.map((r) => [r.id, r.ref]));
  return { catalog, shards, shardRefs, files };
}

/** An artifact kept in the registry, read whole and checked against the shard's digest (and size, when it names one). */
async function readArtifact(
  registry: Registry,
  artifact: { url: string; sha256: string; size?: number },
  shardPath: string,
): Promise<Buffer> {
  const opened = await registry.source.openArtifact(artifact.url);
  const read = await readCapped(opened.body, {
    maxBytes: artifact.size ?? registry.limits.maxArtifactBytes,
    tooLarge: (max) => tooLargeError(artifact.url, max),
    collect: true,
  });
  checkPinned(
    { path: artifact.url, sha256: artifact.sha256, ...(artifact.size !== undefined ? { size: artifact.size } : {}) },
    read,
    shardPath,
  );
  return read.bytes ?? Buffer.alloc(0);
}
