import { sha256Hex } from "../artifact/digest.ts";
import { assignBin } from "../index/assign-bin.ts";
import type { AppShard, BinFile, Catalog, FileRef, RegistryIndex } from "../index/index-types.ts";
import { SIGNATURE_FILE } from "../signing/signature-file.ts";
import type { TrustedKeys } from "../signing/trusted-keys.ts";
import { verifyIndexSignature } from "../signing/verify-index-signature.ts";
import { ClientError } from "../errors/client-error.ts";
import { DEFAULT_CLIENT_LIMITS, type ClientLimits } from "./client-limits.ts";
import { decideFreshness, decideSignature, type TrustOverrides } from "./decide-index-trust.ts";
import { fetchPinned, type VerifiedFile } from "./fetch-pinned.ts";
import type { MetadataCache } from "./metadata-cache.ts";
import { openSource } from "./open-source.ts";
import { parseMetadata } from "./parse-metadata.ts";
import type { RegistrySource } from "./registry-source.ts";
import { newTransferStats, type TransferStats } from "./transfer-stats.ts";
import { readTrustState, saveTrustRecord } from "./trust-state.ts";

/** How to open a registry. */
export interface OpenRegistryOptions extends Partial<TrustOverrides> {
  /** `https://…` base URL (http:// only to this machine), `file://` URL, or folder path. */
  location: string;
  trustedKeys: TrustedKeys;
  /** Where the trusted keys came from, for messages. */
  trustedKeysFile?: string;
  /** Trust state file (highest serial per registry); without it, rollback is not checked across runs. */
  trustStateFile?: string;
  cache?: MetadataCache;
  /** The clock, for expiry. Default: now. */
  now?: Date;
  limits?: Partial<ClientLimits>;
  /** Counters to add to (default: fresh ones, returned as `stats`). */
  stats?: TransferStats;
}

/** An opened registry whose index.json passed signature, rollback and expiry checks. */
export interface Registry {
  source: RegistrySource;
  index: RegistryIndex;
  /** The bytes of index.json that passed the checks, exactly as read. */
  indexBytes: Buffer;
  /** The bytes of index.json.sig, when the registry has one. */
  signatureBytes?: Buffer;
  /** Key that signed index.json, or undefined when accepted unsigned. */
  signedBy?: string;
  /** True when index.json was unchanged on the host (HTTP 304) and the cached copy was used. */
  notModified: boolean;
  warnings: string[];
  limits: ClientLimits;
  stats: TransferStats;
  /** Every pinned file read so far, in order. */
  verified: VerifiedFile[];
  /** Reads a file pinned by `ref` in the file `pinnedBy` and verifies it (see {@link fetchPinned}). */
  readPinned(ref: FileRef, pinnedBy: string): Promise<Buffer>;
  /** The catalog (summaries of every app); pinned by index.json. */
  catalog(): Promise<Catalog>;
  /** The bin named `prefix`; undefined when index.json lists no such bin. */
  bin(prefix: string): Promise<BinFile | undefined>;
  /** The pin of an app's shard, found through its hashed bin; undefined when the app is not in the registry. */
  shardRef(id: string): Promise<FileRef | undefined>;
  /**
   * An app's shard: index.json -> its bin -> the shard, each verified against its pin.
   *
   * @throws ClientError `not-found` when the registry has no such app.
   */
  shard(id: string): Promise<AppShard>;
}

/**
 * Opens a registry: reads index.json (If-None-Match with the cached ETag: an unchanged
 * index costs one request answered 304), checks its detached signature against the
 * trusted keys, its serial against the highest seen (rollback) and its expiry (freeze),
 * then records the serial. Follows the TUF client workflow (specification section 5),
 * with index.json in the role of timestamp+snapshot and hashed bins as in PEP 458.
 *
 * @throws ClientError for every refusal (see {@link decideSignature}, {@link decideFreshness}),
 *   `not-found` when there is no index.json, transport errors.
 */
export async function openRegistry(options: OpenRegistryOptions): Promise<Registry> {
  const limits = { ...DEFAULT_CLIENT_LIMITS, ...options.limits };
  const stats = options.stats ?? newTransferStats();
  const overrides = { allowUnsigned: options.allowUnsigned ?? false, allowExpired: options.allowExpired ?? false };
  const source = openSource(options.location, limits, stats);
  const { cache } = options;
  const cached = await cache?.getIndex(source.location);
  const read = await source.read("index.json", {
    maxBytes: limits.maxIndexBytes,
    ...(cached ? { etag: cached.etag } : {}),
  });
  if (read.status === "missing")
    throw new ClientError(
      "not-found",
      `no index.json at ${source.location}`,
      "is this the address of an Appshelf registry (the folder holding index.json)?",
    );
  let indexBytes: Buffer;
  let signature: Buffer | undefined;
  if (read.status === "not-modified" && cached) {
    indexBytes = cached.index;
    signature = cached.signature;
  } else if (read.status === "ok") {
    indexBytes = read.bytes;
    const sig = await source.read(SIGNATURE_FILE, { maxBytes: limits.maxSignatureBytes });
    signature = sig.status === "ok" ? sig.bytes : undefined;
  } else {
    throw new ClientError(
      "http-status",
      `${source.location} answered "not modified" to a request it was not asked to compare`,
    );
  }
  const verdict = verifyIndexSignature(indexBytes, signature, options.trustedKeys);
  const warnings = decideSignature(verdict, overrides, {
    location: source.location,
    keysFile: options.trustedKeysFile ?? "the trusted keys file",
  });
  const index = parseMetadata<RegistryIndex>(indexBytes, "index", `index.json from ${source.location}`);
  const signedBy = verdict.status === "signed" ? verdict.keyId : undefined;
  const state = options.trustStateFile ? await readTrustState(options.trustStateFile) : undefined;
  const fresh = decideFreshness(
    index,
    {
      indexSha256: sha256Hex(indexBytes),
      ...(signedBy ? { signedBy } : {}),
      ...(state?.registries[source.location] ? { previous: state.registries[source.location] } : {}),
      now: options.now ?? new Date(),
      location: source.location,
      ...(options.trustStateFile ? { stateFile: options.trustStateFile } : {}),
    },
    overrides,
  );
  if (fresh.record && options.trustStateFile)
    await saveTrustRecord(options.trustStateFile, source.location, fresh.record);
  if (read.status === "ok" && read.etag && cache) {
    await cache
      .putIndex(source.location, { etag: read.etag, index: indexBytes, ...(signature ? { signature } : {}) })
      .catch(() => undefined);
  }
  return registryOver(source, index, {
    indexBytes,
    signature,
    signedBy,
    notModified: read.status === "not-modified",
    warnings: [...warnings, ...fresh.warnings],
    limits,
    stats,
    cache,
  });
}

function registryOver(
  source: RegistrySource,
  index: RegistryIndex,
  o: {
    indexBytes: Buffer;
    signature: Buffer | undefined;
    signedBy: string | undefined;
    notModified: boolean;
    warnings: string[];
    limits: ClientLimits;
    stats: TransferStats;
    cache: MetadataCache | undefined;
  },
): Registry {
  const verified: VerifiedFile[] = [];
  const pinned = async (ref: FileRef, pinnedBy: string) => {
    const got = await fetchPinned(source, o.cache, ref, pinnedBy);
    verified.push(got.verified);
    return got.bytes;
  };
  const registry: Registry = {
    source,
    index,
    indexBytes: o.indexBytes,
    ...(o.signature ? { signatureBytes: o.signature } : {}),
    ...(o.signedBy ? { signedBy: o.signedBy } : {}),
    notModified: o.notModified,
    warnings: o.warnings,
    limits: o.limits,
    stats: o.stats,
    verified,
    readPinned: pinned,
    async catalog() {
      return parseMetadata<Catalog>(await pinned(index.catalog, "index.json"), "catalog", index.catalog.path);
    },
    async bin(prefix) {
      const ref = index.bins.files[prefix];
      if (!ref) return undefined;
      const bin = parseMetadata<BinFile>(await pinned(ref, "index.json"), "bin", ref.path);
      if (bin.prefix !== prefix)
        throw new ClientError(
          "invalid-metadata",
          `${ref.path} holds bin '${bin.prefix}', but index.json lists it as bin '${prefix}'`,
        );
      return bin;
    },
    async shardRef(id) {
      const prefix = assignBin(id, index.bins.prefixLength);
      return (await registry.bin(prefix))?.shards[id];
    },
    async shard(id) {
      const ref = await registry.shardRef(id);
      if (!ref)
        throw new ClientError(
          "not-found",
          `${source.location} has no app '${id}'`,
          "find apps with 'appshelf search <words>'",
        );
      const binPath = index.bins.files[assignBin(id, index.bins.prefixLength)]?.path ?? "its bin";
      const shard = parseMetadata<AppShard>(await pinned(ref, binPath), "shard", ref.path);
      if (shard.id !== id)
        throw new ClientError(
          "invalid-metadata",
          `${ref.path} holds app '${shard.id}', but its bin lists it for '${id}'`,
        );
      return shard;
    },
  };
  return registry;
}
