/**
 * A throwaway OpenPGP key for Helm provenance tests, generated with the real `gpg` in a temp
 * GNUPGHOME on every run (never committed): `sign(text)` clear-signs with SHA-512 as
 * `helm package --sign` does, `keyring` is the public keyring (`gpg --export`) for
 * `helm verify --keyring`. `gpgAvailable()` says whether gpg is on this machine.
 */
import { execFile, execFileSync } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A generated key: its public keyring file and a clear-signing function. */
export interface GpgTestKey {
  /** Path of the binary public keyring holding only this key. */
  keyring: string;
  /** The text clear-signed (an OpenPGP signed message, armored). */
  sign(text: string): Promise<Buffer>;
  /** Stops the gpg-agent the key started and removes its folder. */
  close(): Promise<void>;
}

/** True when `gpg` runs here. */
export function gpgAvailable(): boolean {
  try {
    execFileSync("gpg", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}

/** Generates an RSA 2048 signing key `uid` without passphrase. @throws Error when gpg fails */
export async function makeGpgTestKey(uid = "Appshelf Test Signer <signer@example.invalid>"): Promise<GpgTestKey> {
  const dir = await mkdtemp(path.join(tmpdir(), "appshelf-gpg-"));
  const home = path.join(dir, "gnupg");
  await mkdir(home, { mode: 0o700 });
  const env = { ...process.env, GNUPGHOME: home };
  const gpg = (args: string[]) =>
    run("gpg", ["--batch", "--pinentry-mode", "loopback", "--passphrase", "", ...args], {
      env,
      encoding: "buffer",
      maxBuffer: 16 * 1024 * 1024,
    });
  await gpg(["--quick-gen-key", uid, "rsa2048", "sign", "never"]);
  const keyring = path.join(dir, "pubring.gpg");
  await writeFile(keyring, (await gpg(["--export", uid])).stdout);
  let n = 0;
  return {
    keyring,
    async sign(text) {
      const input = path.join(dir, `body-${++n}.txt`);
      await writeFile(input, text);
      await gpg([
        "--yes",
        "--local-user",
        uid,
        "--digest-algo",
        "SHA512",
        "--clearsign",
        "--output",
        `${input}.asc`,
        input,
      ]);
      return readFile(`${input}.asc`);
    },
    async close() {
      await run("gpgconf", ["--kill", "gpg-agent"], { env }).catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** The text Helm signs for a chart archive: its Chart.yaml, `...`, and `files:` with the archive's sha256. */
export function provenanceText(chartYaml: string, fileName: string, sha256: string): string {
  return `${chartYaml.trimEnd()}\n\n...\nfiles:\n  ${fileName}: sha256:${sha256}\n`;
}
