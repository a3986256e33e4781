import { readFile } from "node:fs/promises";
import { readCheckedJson } from "../errors/read-checked-json.ts";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { keyIdOf } from "./signing-keys.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** One public key a client trusts to sign index.json. */
export interface TrustedKey {
  /** SHA-256 of the raw public key, hex. */
  keyId: string;
  algorithm: "ed25519";
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  comment?: string;
}

/** `registry/keys/trusted-keys.json` (schema/trusted-keys.schema.json). */
export interface TrustedKeys {
  formatVersion: 1;
  keys: TrustedKey[];
}

/** The trusted keys committed in this repository: `<repo>/registry/keys/trusted-keys.json`. */
export const DEFAULT_TRUSTED_KEYS_FILE = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../keys/trusted-keys.json",
);

/**
 * Parses a trusted-keys file and checks it: schema, unique ids, and each id being the
 * SHA-256 of its key (a mislabelled key is refused rather than trusted under a wrong id).
 *
 * @throws InputError naming the file and the problem.
 */
export function parseTrustedKeys(bytes: Uint8Array, source: string): TrustedKeys {
  const value = readCheckedJson(bytes, "trusted-keys", "input/trusted-keys", source);
  const keys = value as TrustedKeys;
  const seen = new Set<string>();
  for (const key of keys.keys) {
    const actual = keyIdOf(Buffer.from(key.publicKey, "base64"));
    if (actual !== key.keyId)
      throw new InputError(
        "input/trusted-keys",
        `${source}: key ${key.keyId} has the id ${actual} (the SHA-256 of its public key); fix the keyId`,
      );
    if (seen.has(key.keyId)) throw new InputError("input/trusted-keys", `${source}: key ${key.keyId} is listed twice`);
    seen.add(key.keyId);
  }
  return keys;
}

/**
 * Reads and checks a trusted-keys file (default: the one committed in this repository).
 *
 * @throws InputError when the file cannot be read or is invalid (see {@link parseTrustedKeys}).
 */
export async function readTrustedKeys(file: string = DEFAULT_TRUSTED_KEYS_FILE): Promise<TrustedKeys> {
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (cause) {
    throw new InputError("input/trusted-keys", `cannot read the trusted keys ${file}: ${(cause as Error).message}`);
  }
  return parseTrustedKeys(bytes, file);
}
