import type { ReviewSnapshot } from "./review-snapshot.ts";
import { reviewSchemaCheck } from "./review-schemas.ts";
import { InputError } from "../errors/appshelf-error.ts";

/**
 * Checks parsed JSON against `schema/review-snapshot.schema.json` and returns it typed.
 *
 * @param source where it came from, for the message (a file name)
 * @throws InputError listing up to 5 problems as `<json path> <message>`
 */
export function parseReviewSnapshot(value: unknown, source: string): ReviewSnapshot {
  const errors = reviewSchemaCheck("snapshot")(value);
  if (errors.length === 0) return value as ReviewSnapshot;
  const lines = errors
    .slice(0, 5)
    .map(
      (e) =>
        `  ${e.instancePath || "/"} ${e.message ?? "is invalid"}${e.keyword === "additionalProperties" ? ` ('${String((e.params as { additionalProperty?: string }).additionalProperty)}')` : ""}`,
    );
  throw new InputError(
    "input/review-snapshot",
    `${source} is not a review snapshot (schema/review-snapshot.schema.json):\n${lines.join("\n")}`,
  );
}
