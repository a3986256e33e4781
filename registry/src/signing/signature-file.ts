import { schemaCheck } from "../json/schemas.ts";
import { InputError } from "../errors/appshelf-error.ts";

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
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(bytes).toString("utf8"));
  } catch (cause) {
    throw new InputError("input/signature", `${SIGNATURE_FILE} is not JSON: ${(cause as Error).message}`);
  }
  const errors = schemaCheck("signature")(value);
  if (errors.length > 0)
    throw new InputError(
      "input/signature",
      `${SIGNATURE_FILE} does not match schema/signature.schema.json: ${errors.map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ")}`,
    );
  return value as SignatureFile;
}
