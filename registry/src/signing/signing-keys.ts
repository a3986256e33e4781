import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";
import { InputError } from "../errors/appshelf-error.ts";

/** A private Ed25519 key ready to sign, with its public half and id. */
export interface SigningKey {
  /** SHA-256 of the raw 32-byte public key, 64 hex digits (see {@link keyIdOf}). */
  keyId: string;
  /** Raw 32-byte public key, base64. */
  publicKey: string;
  privateKey: KeyObject;
}

/**
 * The id of an Ed25519 public key: SHA-256 of its raw 32 bytes (RFC 8032 section 5.1.5
 * encoding), as 64 lowercase hex digits. Like TUF key ids, it names the key without
 * trusting anyone's label for it.
 */
export function keyIdOf(rawPublicKey: Uint8Array): string {
  return createHash("sha256").update(rawPublicKey).digest("hex");
}

/**
 * A new Ed25519 key pair (node:crypto, RFC 8032). Returns the private key as PKCS#8 PEM
 * (what `appshelf keygen` writes and the CI secret holds) and the loaded signing key.
 */
export function generateSigningKey(): { privatePem: string; key: SigningKey } {
  const { privateKey } = generateKeyPairSync("ed25519");
  const privatePem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
  return { privatePem, key: loadSigningKey(privatePem) };
}

/**
 * Loads an Ed25519 private key from PKCS#8 PEM text.
 *
 * @throws InputError when the text is not a PEM private key, or the key is not Ed25519.
 */
export function loadSigningKey(pem: string): SigningKey {
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: pem, format: "pem" });
  } catch (cause) {
    throw new InputError(
      "input/signing-key",
      `not a PEM private key (expected what 'appshelf keygen' writes): ${(cause as Error).message}`,
    );
  }
  if (privateKey.asymmetricKeyType !== "ed25519")
    throw new InputError(
      "input/signing-key",
      `the signing key is ${privateKey.asymmetricKeyType ?? "unknown"}, not ed25519`,
    );
  const raw = rawPublicKey(createPublicKey(privateKey));
  return { keyId: keyIdOf(raw), publicKey: raw.toString("base64"), privateKey };
}

/**
 * A public key object from the raw 32-byte Ed25519 key in base64.
 *
 * @throws InputError when the value is not 32 bytes of base64.
 */
export function publicKeyFromBase64(base64: string): KeyObject {
  const raw = Buffer.from(base64, "base64");
  if (raw.length !== 32 || raw.toString("base64") !== base64)
    throw new InputError("input/signing-key", `an Ed25519 public key is 32 bytes in base64, not '${base64}'`);
  return createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: raw.toString("base64url") }, format: "jwk" });
}

function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: "jwk" });
  return Buffer.from(jwk.x ?? "", "base64url");
}
