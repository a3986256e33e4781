import { randomBytes } from "node:crypto";
import { mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { ShardVersion } from "../index/index-types.ts";
import { checkPinned } from "./check-pinned.ts";
import { readCapped } from "../artifact/read-capped.ts";
import { ClientError, tooLargeError } from "./client-error.ts";
import type { RegistrySource } from "./registry-source.ts";

/** Progress of one download: bytes received so far and the expected total, when known. */
export type ProgressListener = (event: { name: string; received: number; total?: number }) => void;

/** A verified artifact written to disk. */
export interface SavedArtifact {
  /** Path of the written file. */
  file: string;
  /** URL or file actually read (after any URL mapping). */
  from: string;
  sha256: string;
  /** Bytes. */
  size: number;
}

/**
 * Downloads a version's artifact and writes it to `outDir/<fileName>` only once verified:
 * bytes stream into a temp file in `outDir` while SHA-256 is computed, reading no more
 * than the pinned size (or `maxBytes` when no size is pinned); then the digest and size
 * are checked against the shard's pin and the file is renamed into place. On any failure
 * the temp file is deleted and a folder this call created is removed: nothing is left in
 * `outDir`.
 *
 * @param location the artifact URL after mapping (absolute, or relative to the registry)
 * @throws ClientError `digest-mismatch`, `size-mismatch`, `too-large`, transport errors.
 */
export async function downloadArtifact(
  source: RegistrySource,
  version: ShardVersion,
  location: string,
  target: { outDir: string; fileName: string; maxBytes: number; onProgress?: ProgressListener },
): Promise<SavedArtifact> {
  const pinned = version.artifact;
  if (pinned.size !== undefined && pinned.size > target.maxBytes) {
    throw new ClientError("too-large", `the artifact is ${pinned.size} bytes; the download limit is ${target.maxBytes}`, "raise it with --max-download-bytes");
  }
  const outDir = path.resolve(target.outDir);
  const created = await mkdir(outDir, { recursive: true });
  const temp = path.join(outDir, `.${target.fileName}.${randomBytes(6).toString("hex")}.part`);
  const file = await open(temp, "wx");
  try {
    const artifact = await source.openArtifact(location);
    const total = pinned.size ?? artifact.length;
    const read = await readCapped(artifact.body, {
      maxBytes: pinned.size ?? target.maxBytes,
      tooLarge: (max) => tooLargeError(`the artifact ${artifact.from}`, max),
      collect: false,
      onChunk: async (chunk, received) => {
        await file.write(chunk);
        target.onProgress?.({ name: target.fileName, received, ...(total !== undefined ? { total } : {}) });
      },
    }).catch((cause: unknown) => {
      if (cause instanceof ClientError && cause.reason === "too-large" && pinned.size !== undefined) {
        throw new ClientError("size-mismatch", `artifact size mismatch: expected ${pinned.size} bytes got more from ${artifact.from}; the host served a different file than the registry published`);
      }
      throw cause;
    });
    checkPinned({ path: artifact.from, sha256: pinned.sha256, ...(pinned.size !== undefined ? { size: pinned.size } : {}) }, read, "the app's shard", "artifact");
    await file.close();
    const final = path.join(outDir, target.fileName);
    await rename(temp, final);
    return { file: final, from: artifact.from, sha256: read.sha256, size: read.size };
  } catch (cause) {
    await file.close().catch(() => undefined);
    await rm(temp, { force: true });
    if (created) await rm(created, { recursive: true, force: true });
    throw cause;
  }
}

/**
 * The file name an artifact is saved under: the last segment of its URL when it is a
 * plain file name, else `<id>-<version>`. Pure.
 */
export function artifactFileName(url: string, id: string, version: string): string {
  let last = url.split(/[?#]/)[0]?.split("/").pop() ?? "";
  try {
    last = decodeURIComponent(last);
  } catch {
    last = "";
  }
  return /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/.test(last) ? last : `${id}-${version}`;
}
