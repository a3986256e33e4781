import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { Command } from "commander";
import { canonicalJson } from "../../json/canonical-json.ts";
import { generateSigningKey } from "../../signing/signing-keys.ts";
import { parseTrustedKeys, type TrustedKey, type TrustedKeys } from "../../signing/trusted-keys.ts";
import { InputError, RefusalError } from "../../errors/appshelf-error.ts";

/**
 * `appshelf keygen --out <file>`: a new Ed25519 signing key. Writes the private key (PKCS#8
 * PEM, mode 0600, never over an existing file) and prints its id and public key; with
 * `--add-to`, adds the public key to a trusted-keys file.
 */
export function keygenCommand(): Command {
  return new Command("keygen")
    .description(
      "create an Ed25519 key for signing index.json; prints the public key entry for registry/keys/trusted-keys.json",
    )
    .requiredOption(
      "--out <file>",
      "where to write the private key (PEM); keep it secret, e.g. as the CI secret APPSHELF_SIGNING_KEY",
    )
    .option("--comment <text>", "who holds the key, for the trusted-keys entry")
    .option("--add-to <file>", "add the public key to this trusted-keys file (created when missing)")
    .action(async (options: { out: string; comment?: string; addTo?: string }) => {
      const { privatePem, key } = generateSigningKey();
      await mkdir(path.dirname(path.resolve(options.out)), { recursive: true });
      await writeFile(options.out, privatePem, { mode: 0o600, flag: "wx" }).catch((cause: NodeJS.ErrnoException) => {
        throw cause.code === "EEXIST"
          ? new RefusalError("refused/key-exists", `${options.out} exists; refusing to overwrite a key`)
          : new InputError("input/key-file", `cannot write ${options.out}: ${cause.message}`);
      });
      const entry: TrustedKey = {
        keyId: key.keyId,
        algorithm: "ed25519",
        publicKey: key.publicKey,
        ...(options.comment ? { comment: options.comment } : {}),
      };
      if (options.addTo) await addTrustedKey(options.addTo, entry);
      process.stdout.write(`Wrote private key ${options.out} (key id ${key.keyId}).\n`);
      process.stdout.write(
        options.addTo
          ? `Added the public key to ${options.addTo}.\n`
          : `Trusted-keys entry:\n${JSON.stringify(entry, null, 2)}\n`,
      );
    });
}

async function addTrustedKey(file: string, entry: TrustedKey): Promise<void> {
  let keys: TrustedKeys = { formatVersion: 1, keys: [] };
  try {
    keys = parseTrustedKeys(await readFile(file), file);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== "ENOENT") throw cause;
  }
  keys.keys.push(entry);
  await mkdir(path.dirname(path.resolve(file)), { recursive: true });
  await writeFile(file, canonicalJson(keys));
}
