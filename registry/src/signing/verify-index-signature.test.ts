import { createPrivateKey } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIndex } from "./sign-index.ts";
import { generateSigningKey, keyIdOf, loadSigningKey, type SigningKey } from "./signing-keys.ts";
import type { TrustedKeys } from "./trusted-keys.ts";
import { parseTrustedKeys } from "./trusted-keys.ts";
import { verifyIndexSignature } from "./verify-index-signature.ts";

const trust = (...keys: SigningKey[]): TrustedKeys => ({
  formatVersion: 1,
  keys: keys.map((k) => ({ keyId: k.keyId, algorithm: "ed25519", publicKey: k.publicKey })),
});
const INDEX = Buffer.from('{"formatVersion":2}\n');

describe("Ed25519 signatures over index.json", () => {
  it("matches RFC 8032 section 7.1 TEST 1 (pure Ed25519, empty message)", () => {
    const seed = Buffer.from("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60", "hex");
    const publicKey = Buffer.from("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "hex");
    const pem = createPrivateKey({
      key: { kty: "OKP", crv: "Ed25519", d: seed.toString("base64url"), x: publicKey.toString("base64url") },
      format: "jwk",
    })
      .export({ format: "pem", type: "pkcs8" })
      .toString();
    const key = loadSigningKey(pem);
    expect(key.publicKey).toBe(publicKey.toString("base64"));
    expect(key.keyId).toBe(keyIdOf(publicKey));
    const file = JSON.parse(signIndex(Buffer.alloc(0), [key]).toString("utf8")) as {
      signatures: { signature: string }[];
    };
    expect(Buffer.from(file.signatures[0]?.signature ?? "", "base64").toString("hex")).toBe(
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    );
  });

  it("accepts a signature by a trusted key, and during a rotation one by either key", () => {
    const [oldKey, newKey] = [generateSigningKey().key, generateSigningKey().key];
    const both = signIndex(INDEX, [oldKey, newKey]);
    expect(verifyIndexSignature(INDEX, both, trust(oldKey))).toEqual({ status: "signed", keyId: oldKey.keyId });
    expect(verifyIndexSignature(INDEX, both, trust(newKey))).toEqual({ status: "signed", keyId: newKey.keyId });
  });

  it("tells unsigned, unknown key, altered bytes and a malformed signature file apart", () => {
    const key = generateSigningKey().key;
    const stranger = generateSigningKey().key;
    const sig = signIndex(INDEX, [key]);
    expect(verifyIndexSignature(INDEX, undefined, trust(key))).toEqual({ status: "unsigned" });
    expect(verifyIndexSignature(INDEX, sig, trust(stranger))).toEqual({ status: "unknown-key", keyIds: [key.keyId] });
    expect(verifyIndexSignature(Buffer.from('{"formatVersion":3}\n'), sig, trust(key))).toEqual({
      status: "bad-signature",
      keyId: key.keyId,
    });
    expect(verifyIndexSignature(INDEX, Buffer.from("{}"), trust(key))).toMatchObject({ status: "malformed" });
  });

  it("refuses a trusted-keys file whose key id is not the SHA-256 of its key", () => {
    const key = generateSigningKey().key;
    const file = Buffer.from(
      JSON.stringify({
        formatVersion: 1,
        keys: [{ keyId: "0".repeat(64), algorithm: "ed25519", publicKey: key.publicKey }],
      }),
    );
    expect(() => parseTrustedKeys(file, "keys.json")).toThrow(
      `keys.json: key ${"0".repeat(64)} has the id ${key.keyId} (the SHA-256 of its public key); fix the keyId`,
    );
  });

  it("the committed trusted keys are valid", async () => {
    const { readTrustedKeys } = await import("./trusted-keys.ts");
    expect((await readTrustedKeys()).keys.length).toBeGreaterThan(0);
  });
});
