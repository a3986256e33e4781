import { sha256Hex } from "../artifact/digest.ts";
import { reviewKey, unrecordedVersion, type ReviewLedger } from "../review/version-review.ts";
import { assertSchema } from "./app-index-files.ts";
import type { AppIndexFiles } from "./build-index.ts";
import { canonicalJson } from "../json/canonical-json.ts";
import type { AppShard } from "./index-types.ts";

/**
 * One app's files with the review ledger written into its shard: every version gets
 * `review` (its entry of the ledger, or a `none` outcome saying the ledger holds no record
 * of it), the shard is re-serialised canonically, checked against its schema and pinned
 * again. Pure apart from the schema check.
 *
 * @throws Error when the app's shard is missing or no longer matches `schema/shard.schema.json`
 */
export function addReviews(app: AppIndexFiles, ledger: ReviewLedger): AppIndexFiles {
  const bytes = app.files.get(app.shard.path);
  if (!bytes) throw new Error(`${app.shard.path} is missing from the app's files`);
  const shard = JSON.parse(bytes.toString("utf8")) as AppShard;
  for (const v of shard.versions) {
    const key = reviewKey(shard.id, v.delivery, v.version);
    v.review = ledger.versions[key] ?? unrecordedVersion(key);
  }
  const reviewed = canonicalJson(shard);
  assertSchema(app.shard.path, "shard", reviewed);
  const files = new Map(app.files);
  files.set(app.shard.path, reviewed);
  return { ...app, files, shard: { ...app.shard, sha256: sha256Hex(reviewed), size: reviewed.length } };
}
