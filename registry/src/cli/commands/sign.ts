import path from "node:path";
import { Command } from "commander";
import { readSigningKeys } from "../../signing/read-signing-keys.ts";
import { signDir } from "../../signing/sign-dir.ts";
import { DEFAULT_TRUSTED_KEYS_FILE, readTrustedKeys } from "../../signing/trusted-keys.ts";
import { UsageError } from "../../errors/appshelf-error.ts";

/** `appshelf sign`: writes `<dir>/index.json.sig` with one or more keys (several during a key rotation). */
export function signCommand(): Command {
  return new Command("sign")
    .description("sign <dir>/index.json with Ed25519 keys, writing the detached signature <dir>/index.json.sig")
    .option("--dir <dir>", "folder holding index.json", "dist")
    .option("--key <file>", "private key PEM file (repeatable)", collect, [])
    .option(
      "--key-env <name>",
      "environment variable holding a private key PEM, e.g. a CI secret (repeatable)",
      collect,
      [],
    )
    .option("--trusted-keys <file>", "warn when a signing key is not in this file", DEFAULT_TRUSTED_KEYS_FILE)
    .action(async (options: { dir: string; key: string[]; keyEnv: string[]; trustedKeys: string }) => {
      if (options.key.length + options.keyEnv.length === 0)
        throw new UsageError("no signing key: pass --key <file> or --key-env <name>");
      const keys = await readSigningKeys({ files: options.key, envs: options.keyEnv });
      const ids = await signDir(options.dir, keys);
      const trusted = new Set((await readTrustedKeys(options.trustedKeys)).keys.map((k) => k.keyId));
      for (const id of ids.filter((k) => !trusted.has(k)))
        process.stderr.write(
          `warning: key ${id} is not in ${options.trustedKeys}: clients will refuse this signature\n`,
        );
      process.stdout.write(
        `Signed ${path.join(options.dir, "index.json")} with ${ids.join(", ")}; wrote ${path.join(options.dir, "index.json.sig")}.\n`,
      );
    });
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}
