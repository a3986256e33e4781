import type { RegistryIndex } from "../index/index-types.ts";
import type { SignatureVerdict } from "../signing/verify-index-signature.ts";
import { ClientError } from "../errors/client-error.ts";
import type { TrustRecord } from "./trust-state.ts";

/** What the user allowed beyond the defaults. */
export interface TrustOverrides {
  /** Accept an index without a valid signature by a trusted key only when it has no signature at all. */
  allowUnsigned: boolean;
  /** Accept an index past its `expires`. */
  allowExpired: boolean;
}

/**
 * Decides on the signature verdict of index.json, before its content is parsed (TUF
 * client workflow, specification section 5: verify signatures first). An unsigned index
 * passes only with `allowUnsigned` (returning a warning); an index signed by unknown keys,
 * with a signature that does not verify, or with a malformed signature file never passes.
 * Pure.
 *
 * @returns warnings to show
 * @throws ClientError `unsigned`, `unknown-key`, `bad-signature`, `invalid-metadata`
 */
export function decideSignature(
  verdict: SignatureVerdict,
  overrides: TrustOverrides,
  where: { location: string; keysFile: string },
): string[] {
  switch (verdict.status) {
    case "signed":
      return [];
    case "unsigned":
      if (overrides.allowUnsigned)
        return [
          `index.json from ${where.location} is unsigned: accepted because of --allow-unsigned, nothing it says is authenticated`,
        ];
      throw new ClientError(
        "unsigned",
        `index.json from ${where.location} is unsigned (no index.json.sig): its content cannot be authenticated`,
        "a published registry is always signed; for a local build you made yourself, pass --allow-unsigned",
      );
    case "unknown-key":
      throw new ClientError(
        "unknown-key",
        `index.json from ${where.location} is signed by ${verdict.keyIds.join(", ")}, a key you do not trust`,
        `trusted keys are listed in ${where.keysFile}; if the registry rotated its key, get the new key list from a source you trust`,
      );
    case "bad-signature":
      throw new ClientError(
        "bad-signature",
        `the signature of index.json from ${where.location} by trusted key ${verdict.keyId} does not verify: index.json was changed after it was signed`,
        "the host served altered data; do not use it",
      );
    case "malformed":
      throw new ClientError(
        "invalid-metadata",
        `index.json.sig from ${where.location} is malformed: ${verdict.message}`,
      );
  }
}

/**
 * Decides whether a parsed, signature-checked index is fresh (TUF specification section
 * 5.3/5.4: rollback and freeze attacks): its serial must not be lower than the highest
 * seen from this registry, an equal serial must carry the same bytes, and it must not be
 * past `expires` unless `allowExpired`. Returns the record to remember (for signed
 * indexes only) and warnings. Pure.
 *
 * @throws ClientError `rollback`, `expired`
 */
export function decideFreshness(
  index: Pick<RegistryIndex, "serial" | "expires">,
  facts: {
    indexSha256: string;
    signedBy?: string;
    previous?: TrustRecord;
    now: Date;
    location: string;
    stateFile?: string;
  },
  overrides: TrustOverrides,
): { record?: TrustRecord; warnings: string[] } {
  const { previous, location } = facts;
  const reset = facts.stateFile
    ? `only if the registry really started its serials over, remove its entry from ${facts.stateFile}`
    : undefined;
  if (previous && index.serial < previous.serial) {
    throw new ClientError(
      "rollback",
      `index.json from ${location} has serial ${index.serial}, but serial ${previous.serial} was already seen from this registry: the host is replaying an older index (rollback)`,
      reset,
    );
  }
  if (previous && index.serial === previous.serial && facts.indexSha256 !== previous.indexSha256) {
    throw new ClientError(
      "rollback",
      `index.json from ${location} has serial ${index.serial} like the one seen before, but different content: two indexes cannot share a serial`,
      reset,
    );
  }
  const warnings: string[] = [];
  if (Date.parse(index.expires) <= facts.now.getTime()) {
    if (!overrides.allowExpired)
      throw new ClientError(
        "expired",
        `index.json from ${location} (serial ${index.serial}) expired at ${index.expires}: the host may be serving a stale, frozen index`,
        "the registry re-signs its index before it expires; try again later, or pass --allow-expired to use it anyway",
      );
    warnings.push(`index.json from ${location} expired at ${index.expires}: used because of --allow-expired`);
  }
  const record = facts.signedBy
    ? { serial: index.serial, indexSha256: facts.indexSha256, keyId: facts.signedBy, expires: index.expires }
    : undefined;
  return { ...(record ? { record } : {}), warnings };
}
