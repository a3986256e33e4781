import { readCheckedJson } from "../errors/read-checked-json.ts";

/** One detached signature over index.json. */
export interface IndexSignature {
  /** Id of the signing key (SHA-256 of the raw public key, hex). */
  keyId: string;
  algorithm: "ed25519";
  /** 64-byte Ed25519 signature (RFC 8032), base64. */
  signature: string;
}

/** `index.json.sig` (schema/signature.schema.json). */
export interface SignatureFile {
  formatVersion: 1;
  signed: "index.json";
  signatures: IndexSignature[];
}

/** File name of the detached signature, beside index.json. */
export const SIGNATURE_FILE = "index.json.sig";

/**
 * Parses and schema-checks `index.json.sig`.
 *
 * @throws InputError saying what is malformed.
 */
export function parseSignatureFile(bytes: Uint8Array): SignatureFile {
  const value = readCheckedJson(bytes, "signature", "input/signature", SIGNATURE_FILE);
  return value as SignatureFile;
}
