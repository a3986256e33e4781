import { assignBin } from "../index/assign-bin.ts";
import type { AppShard } from "../index/index-types.ts";
import { checkPinned } from "./check-pinned.ts";
import type { Registry } from "./open-registry.ts";
import { parseMetadata } from "./parse-metadata.ts";
import { readCapped } from "../artifact/read-capped.ts";
import { ClientError, tooLargeError } from "../errors/client-error.ts";
import { isRelativeUrl } from "./registry-source.ts";

/** What a full check covered. */
export interface RegistryCheck {
  apps: number;
  bins: number;
  /** Pinned files read and verified, index.json not counted. */
  files: number;
}

/**
 * Verifies a whole opened registry (what `appshelf verify` and the publish workflow run
 * before deploying): the catalog, every bin, every shard, the Helm index, every icon and
 * every artifact kept in the registry, the verification ledger, the review ledger and the name table, each against its pin; every app sits in the bin its
 * id hashes to; the catalog and the bins list the same apps. Absolute artifact URLs are
 * not downloaded (validation checked them when they were added).
 *
 * @throws ClientError on the first file that fails (digest, size, schema, consistency).
 */
export async function verifyRegistry(registry: Registry): Promise<RegistryCheck> {
  const { index } = registry;
  const catalog = await registry.catalog();
  await registry.readPinned(index.helmIndex, "index.json");
  const inBins = new Set<string>();
  let files = 2;
  // The verification ledger must be served too: the next publish restores it from here.
  if (index.ledger) {
    await registry.readPinned(index.ledger, "index.json");
    files += 1;
  }
  // So must the review ledger: the next publish reuses its outcomes.
  if (index.reviews) {
    await registry.readPinned(index.reviews, "index.json");
    files += 1;
  }
  // And the name table: pull-request checks read it (check-pr --previous).
  if (index.names) {
    await registry.readPinned(index.names, "index.json");
    files += 1;
  }
  for (const [prefix, binRef] of Object.entries(index.bins.files)) {
    const bin = await registry.bin(prefix);
    files += 1;
    for (const [id, ref] of Object.entries(bin?.shards ?? {})) {
      if (assignBin(id, index.bins.prefixLength) !== prefix)
        throw new ClientError(
          "invalid-metadata",
          `${binRef.path} lists app '${id}', whose id hashes to bin '${assignBin(id, index.bins.prefixLength)}'`,
        );
      inBins.add(id);
      const shard = parseMetadata<AppShard>(await registry.readPinned(ref, binRef.path), "shard", ref.path);
      if (shard.id !== id)
        throw new ClientError(
          "invalid-metadata",
          `${ref.path} holds app '${shard.id}', but ${binRef.path} lists it for '${id}'`,
        );
      files += 1 + (await verifyShardFiles(registry, shard, ref.path));
    }
  }
  const listed = new Set(catalog.apps.map((a) => a.id));
  const missing = [...listed].filter((id) => !inBins.has(id));
  const extra = [...inBins].filter((id) => !listed.has(id));
  if (missing.length || extra.length) {
    throw new ClientError(
      "invalid-metadata",
      `the catalog and the bins disagree: ${missing.length ? `in the catalog only: ${missing.join(", ")}` : ""}${missing.length && extra.length ? "; " : ""}${extra.length ? `in the bins only: ${extra.join(", ")}` : ""}`,
    );
  }
  for (const app of catalog.apps) {
    if (app.icon) {
      await registry.readPinned(app.icon, index.catalog.path);
      files += 1;
    }
  }
  return { apps: inBins.size, bins: Object.keys(index.bins.files).length, files };
}

async function verifyShardFiles(registry: Registry, shard: AppShard, shardPath: string): Promise<number> {
  let files = 0;
  if (shard.icon) {
    await registry.readPinned(shard.icon, shardPath);
    files += 1;
  }
  for (const v of shard.versions.filter((x) => isRelativeUrl(x.artifact.url))) {
    const artifact = await registry.source.openArtifact(v.artifact.url);
    const read = await readCapped(artifact.body, {
      maxBytes: v.artifact.size ?? registry.limits.maxArtifactBytes,
      tooLarge: (max) => tooLargeError(v.artifact.url, max),
      collect: false,
    });
    checkPinned(
      {
        path: v.artifact.url,
        sha256: v.artifact.sha256,
        ...(v.artifact.size !== undefined ? { size: v.artifact.size } : {}),
      },
      read,
      shardPath,
    );
    files += 1;
  }
  return files;
}
