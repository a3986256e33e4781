import { readFile } from "node:fs/promises";
import path from "node:path";
import { SIGNATURE_FILE } from "./signature-file.ts";
import { signIndex } from "./sign-index.ts";
import type { SigningKey } from "./signing-keys.ts";
import { InputError } from "../errors/appshelf-error.ts";
import { replaceFile } from "../fs/replace-file.ts";

/**
 * Signs `<dir>/index.json` and writes `<dir>/index.json.sig` (to a temp file, then
 * renamed, so a reader never sees half a signature). Returns the key ids that signed.
 *
 * @throws InputError when index.json cannot be read or the signature cannot be written.
 */
export async function signDir(dir: string, keys: readonly SigningKey[]): Promise<string[]> {
  const indexFile = path.join(dir, "index.json");
  const bytes = await readFile(indexFile).catch((cause: Error) => {
    throw new InputError(
      "input/built-folder",
      `cannot read ${indexFile} (run 'appshelf build' first): ${cause.message}`,
    );
  });
  const target = path.join(dir, SIGNATURE_FILE);
  await replaceFile(target, signIndex(bytes, keys));
  return keys.map((k) => k.keyId);
}
