import type { SigningKey } from "../src/signing/signing-keys.ts";
import type { TrustedKeys } from "../src/signing/trusted-keys.ts";

/** The trusted-keys file (`schema/trusted-keys.schema.json`) a client needs to accept what `key` signed. */
export function trustedKeysOf(key: SigningKey): TrustedKeys {
  return { formatVersion: 1, keys: [{ keyId: key.keyId, algorithm: "ed25519", publicKey: key.publicKey }] };
}
