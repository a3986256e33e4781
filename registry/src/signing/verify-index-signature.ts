import { verify } from "node:crypto";
import { parseSignatureFile } from "./signature-file.ts";
import { publicKeyFromBase64 } from "./signing-keys.ts";
import type { TrustedKeys } from "./trusted-keys.ts";

/** Outcome of checking index.json against its detached signature. */
export type SignatureVerdict =
  | { status: "signed"; keyId: string }
  | { status: "unsigned" }
  | { status: "unknown-key"; keyIds: string[] }
  | { status: "bad-signature"; keyId: string }
  | { status: "malformed"; message: string };

/**
 * Checks the detached signature of index.json (`sigBytes`: the bytes of index.json.sig,
 * or undefined when the host has none) against the trusted keys. The index is signed
 * when at least one signature by a trusted key verifies over the exact index bytes
 * (pure Ed25519, RFC 8032 section 5.1.7; threshold 1, as a TUF role with one key needed).
 * A signature by a trusted key that does not verify wins over an unknown-key verdict,
 * since it means the bytes were changed. No I/O.
 */
export function verifyIndexSignature(
  indexBytes: Uint8Array,
  sigBytes: Uint8Array | undefined,
  trusted: TrustedKeys,
): SignatureVerdict {
  if (sigBytes === undefined) return { status: "unsigned" };
  let signatures;
  try {
    signatures = parseSignatureFile(sigBytes).signatures;
  } catch (cause) {
    return { status: "malformed", message: (cause as Error).message };
  }
  let bad: string | undefined;
  for (const s of signatures) {
    const key = trusted.keys.find((k) => k.keyId === s.keyId);
    if (!key) continue;
    if (verify(null, indexBytes, publicKeyFromBase64(key.publicKey), Buffer.from(s.signature, "base64")))
      return { status: "signed", keyId: key.keyId };
    bad ??= key.keyId;
  }
  if (bad !== undefined) return { status: "bad-signature", keyId: bad };
  return { status: "unknown-key", keyIds: signatures.map((s) => s.keyId) };
}
