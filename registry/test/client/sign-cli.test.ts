/** `appshelf keygen`, `build --key/--serial-after`, `sign` and `verify` on a local build. */
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RegistryIndex } from "../../src/index/index-types.ts";
import { CORPUS } from "../temp-registry.ts";
import { createWorkspace, reissueIndex, variant, type Workspace } from "./published-registry.ts";
import { serveRegistry } from "./registry-server.ts";
import { runAppshelf, type CliRun } from "../run-appshelf.ts";

const appshelf = (args: string[], env: Record<string, string> = {}): Promise<CliRun> =>
  runAppshelf(args, { env: { ...process.env, ...env } });

let ws: Workspace;
let keyFile: string;
let keysFile: string;
let built: string;

beforeAll(async () => {
  ws = await createWorkspace();
  keyFile = path.join(ws.dir, "publish.pem");
  keysFile = path.join(ws.dir, "keys.json");
  const made = await appshelf(["keygen", "--out", keyFile, "--add-to", keysFile, "--comment", "test publisher"]);
  expect(made.code, made.stderr).toBe(0);
  built = path.join(ws.dir, "dist");
  const build = await appshelf([
    "build",
    "--mirror",
    CORPUS,
    "--offline",
    "--require-artifacts",
    "--out",
    built,
    "--serial",
    "41",
    "--expires-in",
    "3",
    "--key",
    keyFile,
  ]);
  expect(build.code, build.stderr).toBe(0);
});
afterAll(() => ws?.cleanup());

describe("keygen, build --key, sign, verify", () => {
  it("every client and signing command has --help", async () => {
    for (const command of ["keygen", "sign", "verify", "search", "show", "pull"]) {
      const { code, stdout } = await appshelf([command, "--help"]);
      expect(code, command).toBe(0);
      expect(stdout).toMatch(new RegExp(`^Usage: appshelf ${command}`));
    }
  });

  it("keygen writes a private key only its owner can read, never over an existing one, and adds the public key to a trusted-keys file", async () => {
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(await readFile(keyFile, "utf8")).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const keys = JSON.parse(await readFile(keysFile, "utf8")) as { keys: { keyId: string; comment: string }[] };
    expect(keys.keys).toMatchObject([{ comment: "test publisher" }]);
    const again = await appshelf(["keygen", "--out", keyFile]);
    expect(again.code).toBe(2);
    expect(again.stderr).toContain("exists; refusing to overwrite a key");
  });

  it("build --key signs in the same atomic write; the serial and expiry are the ones asked for; verify accepts it", async () => {
    const index = JSON.parse(await readFile(path.join(built, "index.json"), "utf8")) as RegistryIndex;
    expect(index.serial).toBe(41);
    expect(Date.parse(index.expires) - Date.now()).toBeGreaterThan(2 * 86_400_000);
    const { code, stdout } = await appshelf(["verify", "--registry", built, "--trusted-keys", keysFile]);
    expect(code).toBe(0);
    expect(stdout).toMatch(
      /^index\.json {2}.+: serial 41, expires .+, signature by trusted key [0-9a-f]{64} verified\nVerified 9 apps in 9 bins: \d+ pinned files match their sha256 and size\.\n$/,
    );
  });

  it("sign --key-env signs a build from a key held in an environment variable (the CI secret), warning about keys clients do not trust", async () => {
    const dir = await variant(built, await ws.folder("resign"), (d) =>
      reissueIndex(d, (i) => void (i.serial = 42), []),
    );
    expect((await appshelf(["verify", "--registry", dir, "--trusted-keys", keysFile])).stderr).toContain("is unsigned");
    const signed = await appshelf(["sign", "--dir", dir, "--key-env", "TEST_SIGNING_KEY", "--trusted-keys", keysFile], {
      TEST_SIGNING_KEY: await readFile(keyFile, "utf8"),
    });
    expect(signed.code).toBe(0);
    expect(signed.stderr).toBe("");
    expect((await appshelf(["verify", "--registry", dir, "--trusted-keys", keysFile])).code).toBe(0);
    const untrusted = await appshelf(["sign", "--dir", dir, "--key", keyFile]);
    expect(untrusted.stderr).toMatch(
      /warning: key [0-9a-f]{64} is not in .+trusted-keys\.json: clients will refuse this signature/,
    );
    const missing = await appshelf(["sign", "--dir", dir, "--key-env", "NOT_SET_ANYWHERE"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain(
      "the environment variable NOT_SET_ANYWHERE that should hold the signing key is not set or empty",
    );
  });

  it("build --serial-after goes above the serial of the index now published", async () => {
    const live = await variant(built, await ws.folder("live"), (d) =>
      reissueIndex(d, (i) => void (i.serial = 500), []),
    );
    const server = await serveRegistry(live);
    const out = path.join(ws.dir, "next");
    const { code, stdout } = await appshelf([
      "build",
      "--mirror",
      CORPUS,
      "--offline",
      "--out",
      out,
      "--serial-after",
      server.url,
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("serial 501,");
    expect(stdout).toContain("Unsigned: no index.json.sig was written");
  });
});
