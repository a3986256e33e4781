import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * Third-party reference files the inspectors check artifacts against. They are not part
 * of Appshelf (their licences and owners are their own) and are never copied into it:
 * they are read from a reference folder laid out like `../shared/corpus`.
 * - `nextcloud/info.xsd`, `nextcloud/pre-info.xslt`: nextcloud/appstore (AGPL-3.0-or-later)
 * - `nextcloud/codesigning/root.crt`, `root.crl`: nextcloud/server `resources/codesigning/` (AGPL-3.0-or-later)
 * - `compose/compose-spec.json`: compose-spec/compose-spec (Apache-2.0)
 */
export type ReferenceFile =
  | "nextcloud/info.xsd"
  | "nextcloud/pre-info.xslt"
  | "nextcloud/codesigning/root.crt"
  | "nextcloud/codesigning/root.crl"
  | "compose/compose-spec.json";

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../..");

/**
 * Folder holding the reference files: `$APPSHELF_REFERENCE_DIR`, else `../shared/corpus`
 * beside the repository.
 */
export function referenceDir(): string {
  return path.resolve(process.env.APPSHELF_REFERENCE_DIR ?? path.join(REPO_ROOT, "../shared/corpus"));
}

const cache = new Map<ReferenceFile, Promise<Buffer | undefined>>();

/**
 * Reads a reference file once per process. Returns undefined when it is not there, so
 * inspectors can report "not checked" (a warning) instead of failing.
 */
export function readReferenceFile(name: ReferenceFile): Promise<Buffer | undefined> {
  let pending = cache.get(name);
  if (!pending) {
    pending = readFile(path.join(referenceDir(), name)).catch(() => undefined);
    cache.set(name, pending);
  }
  return pending;
}
