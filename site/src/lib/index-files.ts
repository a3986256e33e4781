import { readFileSync } from "node:fs";
import { isAbsolute, relative, resolve } from "node:path";
import { sha256Hex } from "../../../registry/src/site-api.ts";
import type { FileRef } from "./types.ts";

/** Resolves a path relative to the index folder, refusing paths that leave it. */
export function resolveIndexPath(dir: string, path: string): string {
  const full = resolve(dir, path);
  const rel = relative(dir, full);
  if (rel === "" || rel.startsWith("..") || isAbsolute(rel) || isAbsolute(path)) {
    throw new Error(`Index path "${path}" points outside the index folder ${dir}.`);
  }
  return full;
}

/** Reads a file the index pins by digest and checks its SHA-256 and size. */
export function readPinnedFile(dir: string, ref: Omit<FileRef, "size"> & { size?: number }, what: string): Buffer {
  const file = resolveIndexPath(dir, ref.path);
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (error) {
    throw new Error(`Cannot read ${what} ${file} named by index.json: ${(error as Error).message}`);
  }
  const actual = sha256Hex(bytes);
  if (actual !== ref.sha256) {
    throw new Error(
      `SHA-256 mismatch for ${what} ${file}: index.json says ${ref.sha256}, the file has ${actual}. ` +
        `Rebuild the index with "appshelf build".`,
    );
  }
  if (ref.size !== undefined && bytes.length !== ref.size) {
    throw new Error(
      `Size mismatch for ${what} ${file}: index.json says ${ref.size} bytes, the file has ${bytes.length}.`,
    );
  }
  return bytes;
}
