import { readFileSync } from "node:fs";
import { parseTrustedKeys, type TrustedKey } from "../../../registry/src/site-api.ts";

/**
 * The trusted keys file the catalog's pages check index.json.sig against. astro.config.mjs
 * resolves it (APPSHELF_TRUSTED_KEYS, else registry/keys/trusted-keys.json, the keys the
 * client trusts) and passes it in through Vite's `define`.
 */
declare const __APPSHELF_TRUSTED_KEYS__: string;

let cached: Pick<TrustedKey, "keyId" | "publicKey">[] | undefined;

/**
 * The public keys a page's trust panel accepts a signature of index.json from (key id and
 * raw Ed25519 public key, base64). The index is signed after the site is built (the
 * publish workflow's `sign` job), so the page script checks the served index.json.sig with
 * these keys (WebCrypto Ed25519, as `appshelf verify` checks it). Read once per build.
 *
 * @throws Error when the trusted keys file cannot be read or is invalid (the panel never guesses)
 */
export function trustedIndexKeys(): Pick<TrustedKey, "keyId" | "publicKey">[] {
  if (cached) return cached;
  const file = __APPSHELF_TRUSTED_KEYS__;
  cached = parseTrustedKeys(readFileSync(file), file).keys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey }));
  return cached;
}
