import { sign } from "node:crypto";
import { canonicalJson } from "../json/canonical-json.ts";
import type { SignatureFile } from "./signature-file.ts";
import type { SigningKey } from "./signing-keys.ts";
import { UsageError } from "../errors/appshelf-error.ts";

/**
 * Signs the exact bytes of index.json with each key (pure Ed25519, RFC 8032 section 5.1.6;
 * deterministic, so the same bytes and key give the same signature) and returns the bytes
 * of `index.json.sig` (schema/signature.schema.json). Several keys sign during a rotation.
 *
 * @throws UsageError when no key is given or two keys have the same id.
 */
export function signIndex(indexBytes: Uint8Array, keys: readonly SigningKey[]): Buffer {
  if (keys.length === 0) throw new UsageError("no signing key given");
  if (new Set(keys.map((k) => k.keyId)).size !== keys.length)
    throw new UsageError("the same signing key was given twice");
  const file: SignatureFile = {
    formatVersion: 1,
    signed: "index.json",
    signatures: keys.map((k) => ({
      keyId: k.keyId,
      algorithm: "ed25519",
      signature: sign(null, indexBytes, k.privateKey).toString("base64"),
    })),
  };
  return canonicalJson(file);
}
