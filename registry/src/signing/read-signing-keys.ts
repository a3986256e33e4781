import { readFile } from "node:fs/promises";
import { loadSigningKey, type SigningKey } from "./signing-keys.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** Where signing keys come from: PEM files and/or environment variables holding PEM text. */
export interface SigningKeySources {
  /** Paths of PKCS#8 PEM files. */
  files: readonly string[];
  /** Names of environment variables holding PEM text (how CI passes a secret without writing it to disk). */
  envs: readonly string[];
}

/**
 * Loads every signing key named by `sources`, in order: files, then variables.
 *
 * @throws InputError naming the file or variable that is missing, empty or not an Ed25519 PEM key.
 */
export async function readSigningKeys(
  sources: SigningKeySources,
  env: NodeJS.ProcessEnv = process.env,
): Promise<SigningKey[]> {
  const keys: SigningKey[] = [];
  for (const file of sources.files) {
    const pem = await readFile(file, "utf8").catch((cause: Error) => {
      throw new InputError("input/signing-key", `cannot read the signing key ${file}: ${cause.message}`);
    });
    keys.push(withSource(pem, file));
  }
  for (const name of sources.envs) {
    const pem = env[name];
    if (!pem)
      throw new InputError(
        "input/signing-key",
        `the environment variable ${name} that should hold the signing key is not set or empty`,
      );
    keys.push(withSource(pem, `$${name}`));
  }
  return keys;
}

function withSource(pem: string, source: string): SigningKey {
  try {
    return loadSigningKey(pem);
  } catch (cause) {
    throw new InputError("input/signing-key", `${source}: ${(cause as Error).message}`);
  }
}
