import { readFileSync } from "node:fs";
import { SIGNATURE_FILE } from "../../../registry/src/signing/signature-file.ts";
import { parseTrustedKeys } from "../../../registry/src/signing/trusted-keys.ts";
import { verifyIndexSignature, type SignatureVerdict } from "../../../registry/src/signing/verify-index-signature.ts";
import { loadIndex } from "./load-index.ts";

/**
 * The trusted keys file the catalog checks index.json.sig against. astro.config.mjs
 * resolves it (APPSHELF_TRUSTED_KEYS, else registry/keys/trusted-keys.json, the keys the
 * client trusts) and passes it in through Vite's `define`.
 */
declare const __APPSHELF_TRUSTED_KEYS__: string;

/** What the trust panel says about the index the page was built from. */
export interface IndexTrust {
  /** The signature checked as a client checks it: only a trusted key's valid signature counts. */
  verdict: SignatureVerdict;
  serial: number;
  /** RFC 3339 UTC. */
  expires: string;
}

let cached: IndexTrust | undefined;

/**
 * The index's signature status (verified against the trusted keys, as `appshelf verify`
 * does), serial and expiry. Computed once per build.
 *
 * @throws Error when the trusted keys file cannot be read or is invalid (the panel never guesses)
 */
export function indexTrust(): IndexTrust {
  if (cached) return cached;
  const { index, indexBytes, files } = loadIndex();
  const keysFile = __APPSHELF_TRUSTED_KEYS__;
  const trusted = parseTrustedKeys(readFileSync(keysFile), keysFile);
  cached = { verdict: verifyIndexSignature(indexBytes, files.get(SIGNATURE_FILE), trusted), serial: index.serial, expires: index.expires };
  return cached;
}
