/** `appshelf build --ledger-from <live registry>` re-signing hosted copies on a runner that holds none of their bytes. */
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { RegistryIndex } from "../../src/index/index-types.ts";
import { canonicalJson } from "../../src/json/canonical-json.ts";
import { generateSigningKey } from "../../src/signing/signing-keys.ts";
import { runAppshelf } from "../run-appshelf.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";

const COPIES = ["artifacts/harbor/helm/1.19.1/harbor-1.19.1.tgz", "artifacts/redis/helm/23.1.1/redis-23.1.1.tgz"];

describe("appshelf build re-signing hosted copies", () => {
  it("reads the copies back from the live registry named by --ledger-from when the runner has no cache or mirror", async () => {
    const registry = await tempRegistry(["harbor", "redis"]);
    const dir = await tempDir();
    const key = generateSigningKey().key;
    const keysFile = path.join(dir, "trusted-keys.json");
    await writeFile(
      keysFile,
      canonicalJson({ formatVersion: 1, keys: [{ keyId: key.keyId, algorithm: "ed25519", publicKey: key.publicKey }] }),
    );
    const env = {
      ...process.env,
      APPSHELF_TEST_KEY: key.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
    };
    const build = (out: string, ...more: string[]) =>
      runAppshelf(
        [
          "build",
          "--root",
          registry.root,
          "--offline",
          "--require-artifacts",
          "--host-artifacts",
          "--out",
          out,
          "--key-env",
          "APPSHELF_TEST_KEY",
          "--cache",
          path.join(dir, `cache-${path.basename(out)}`),
          ...more,
        ],
        { env },
      );
    const live = path.join(dir, "live");
    const first = await build(live, "--mirror", CORPUS, "--ledger");
    expect(first.stderr).not.toMatch(/error/i);
    expect(first.code).toBe(0);
    expect(first.stdout).toContain("Hosted 2 artifact copies");

    // A fresh runner: no download cache, no mirror. Without the ledger the re-pack cannot even be checked.
    const blind = await build(path.join(dir, "blind"), "--ledger");
    expect(blind.code).not.toBe(0);
    expect(blind.stdout + blind.stderr).toContain("artifact/not-verified");

    const next = path.join(dir, "next");
    const resign = await build(next, "--ledger-from", live, "--trusted-keys", keysFile, "--serial-after", live);
    expect(resign.stderr).toContain("Verification ledger: restored 2 ledger entries");
    expect(resign.code).toBe(0);
    expect(resign.stdout).toContain("Hosted 2 artifact copies");
    for (const copy of COPIES)
      expect((await readFile(path.join(next, copy))).equals(await readFile(path.join(live, copy)))).toBe(true);
    const serial = async (d: string) =>
      (JSON.parse(await readFile(path.join(d, "index.json"), "utf8")) as RegistryIndex).serial;
    expect(await serial(next)).toBe((await serial(live)) + 1);
    const verified = await runAppshelf(["verify", "--registry", next, "--trusted-keys", keysFile], { env });
    expect(verified.code).toBe(0);
  });
});
