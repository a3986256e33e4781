import { randomBytes } from "node:crypto";
import { link, lstat, mkdir, open, rename, rm } from "node:fs/promises";
import path from "node:path";
import type { ShardVersion } from "../index/index-types.ts";
import { checkPinned } from "./check-pinned.ts";
import { readCapped } from "../artifact/read-capped.ts";
import { ClientError, tooLargeError } from "../errors/client-error.ts";
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
 * `outDir`. `outDir` must not be a symbolic link, and an existing file of the same name
 * (or a link there) is replaced only with `force`: the final step is `link` (fails when
 * the name exists, follows no link), or with `force` a `rename` over the name (which
 * replaces a link rather than writing through it).
 *
 * @param location the artifact URL after mapping (absolute, or relative to the registry)
 * @throws ClientError `digest-mismatch`, `size-mismatch`, `too-large`, transport errors;
 *   `output-symlink` when `outDir` is a symbolic link, `output-exists` when the file exists
 *   and `force` is not set (both before anything is requested).
 */
export async function downloadArtifact(
  source: RegistrySource,
  version: ShardVersion,
  location: string,
  target: { outDir: string; fileName: string; maxBytes: number; force?: boolean; onProgress?: ProgressListener },
): Promise<SavedArtifact> {
  const pinned = version.artifact;
  if (pinned.size !== undefined && pinned.size > target.maxBytes) {
    throw new ClientError(
      "too-large",
      `the artifact is ${pinned.size} bytes; the download limit is ${target.maxBytes}`,
      "raise it with --max-download-bytes",
    );
  }
  const outDir = path.resolve(target.outDir);
  const final = path.join(outDir, target.fileName);
  await assertWritableTarget(outDir, final, target.force === true);
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
        throw new ClientError(
          "size-mismatch",
          `artifact size mismatch: expected ${pinned.size} bytes got more from ${artifact.from}; the host served a different file than the registry published`,
        );
      }
      throw cause;
    });
    checkPinned(
      { path: artifact.from, sha256: pinned.sha256, ...(pinned.size !== undefined ? { size: pinned.size } : {}) },
      read,
      "the app's shard",
      "artifact",
    );
    await file.close();
    await placeFile(temp, final, target.force === true);
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

/** Refuses a symbolic-link `outDir`, and an existing `final` unless `force`; before any request. */
async function assertWritableTarget(outDir: string, final: string, force: boolean): Promise<void> {
  const dir = await lstat(outDir).catch(() => undefined);
  if (dir?.isSymbolicLink())
    throw new ClientError(
      "output-symlink",
      `--out ${outDir} is a symbolic link; the artifact is not written through links`,
      "pass the real folder",
    );
  if (dir && !dir.isDirectory()) throw new ClientError("output-exists", `--out ${outDir} exists and is not a folder`);
  const existing = await lstat(final).catch(() => undefined);
  if (existing && !force)
    throw new ClientError(
      "output-exists",
      `${final} already exists; nothing was downloaded`,
      "pass --force to replace it",
    );
  if (existing?.isDirectory()) throw new ClientError("output-exists", `${final} is a folder; it is never replaced`);
}

/** Moves the verified temp file to `final`: never over an existing name unless `force`, never through a link. */
async function placeFile(temp: string, final: string, force: boolean): Promise<void> {
  if (force) return rename(temp, final);
  try {
    await link(temp, final);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "EEXIST")
      throw new ClientError(
        "output-exists",
        `${final} appeared while downloading; it was left as it was`,
        "pass --force to replace it",
      );
    throw cause;
  }
  await rm(temp, { force: true });
}
