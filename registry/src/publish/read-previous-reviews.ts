import { ClientError } from "../errors/client-error.ts";
import { openRegistry } from "../client/open-registry.ts";
import { schemaCheck } from "../json/schemas.ts";
import type { ReviewLedger } from "../review/version-review.ts";
import type { TrustedKeys } from "../signing/trusted-keys.ts";
import { readReviewLedger } from "./read-review-ledger.ts";

/** The review ledger of the last publish, if it could be read, and what happened, for the report. */
export interface PreviousReviews {
  ledger?: ReviewLedger;
  /** E.g. `reused from https://…/reviews.json (serial 41)`, or why nothing is reused. */
  note: string;
}

/**
 * Reads the review ledger the last publish published, so `review-records` asks GitHub only
 * about merges it does not hold. `location` is a `.json` file, or a registry (URL or folder)
 * whose index.json is opened as a client opens it, signature checked against `trustedKeys`
 * (an expired index is accepted), and whose `reviews.json` is read through its pin and checked
 * against `schema/reviews.schema.json`. Never throws: a ledger that cannot be read, trusted
 * or parsed gives none, with a note saying why (every merge is then read from GitHub: an
 * unreadable ledger costs requests, never a version shown as "not reviewed").
 */
export async function readPreviousReviews(location: string, trustedKeys: TrustedKeys): Promise<PreviousReviews> {
  const fallback = (why: string): PreviousReviews => ({
    note: `${why}: every merged pull request is read from GitHub`,
  });
  try {
    if (location.endsWith(".json")) {
      const ledger = await readReviewLedger(location);
      return { ledger, note: `reused from ${location}` };
    }
    const registry = await openRegistry({ location, trustedKeys, allowExpired: true });
    const ref = registry.index.reviews;
    if (!ref) return fallback(`the index at ${location} (serial ${registry.index.serial}) pins no review ledger`);
    const where = `${registry.source.location}${ref.path}`;
    const value: unknown = JSON.parse((await registry.readPinned(ref, "index.json")).toString("utf8"));
    const errors = schemaCheck("reviews")(value);
    if (errors.length > 0) return fallback(`${where} does not match schema/reviews.schema.json`);
    return { ledger: value as ReviewLedger, note: `reused from ${where} (serial ${registry.index.serial})` };
  } catch (cause) {
    if (cause instanceof ClientError && cause.reason === "not-found")
      return fallback(`no registry published at ${location} yet`);
    return fallback(`cannot read the previous review ledger at ${location}: ${(cause as Error).message}`);
  }
}
