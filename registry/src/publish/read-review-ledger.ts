import { readFile } from "node:fs/promises";
import { schemaCheck } from "../json/schemas.ts";
import type { ReviewLedger } from "../review/version-review.ts";

/**
 * Reads a review ledger file and checks it against `schema/reviews.schema.json`.
 *
 * @throws Error naming the file when it cannot be read, is not JSON or does not match the schema
 */
export async function readReviewLedger(file: string): Promise<ReviewLedger> {
  let value: unknown;
  try {
    value = JSON.parse(await readFile(file, "utf8"));
  } catch (cause) {
    throw new Error(`${file}: cannot read the review ledger: ${(cause as Error).message}`);
  }
  const errors = schemaCheck("reviews")(value);
  if (errors.length > 0)
    throw new Error(
      `${file} does not match schema/reviews.schema.json: ${errors
        .slice(0, 5)
        .map((e) => `${e.instancePath || "/"} ${e.message}`)
        .join("; ")}`,
    );
  return value as ReviewLedger;
}
