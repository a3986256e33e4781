/**
 * Types of the manifest files, generated from the JSON Schemas in `schema/` (the source of
 * truth: `app.schema.json`, `version.schema.json`, `categories.schema.json`,
 * `common.schema.json`) into `registry/src/generated/` by `npm run gen:types`, under the names the
 * engine uses. registry/test/codegen/ fails when the generated files drift from the schemas.
 */

import type { AppManifest } from "../generated/app-manifest.ts";
import type { CategoriesFile } from "../generated/categories-file.ts";
import type { DeliveryType, TranslatedLine } from "../generated/common.ts";
import type { VersionManifest } from "../generated/version-manifest.ts";

export type { AppManifest } from "../generated/app-manifest.ts";
export type { CategoryId, Compatibility, DeliveryType, Links, Publisher, Suspension } from "../generated/common.ts";
export type { VersionManifest } from "../generated/version-manifest.ts";

/** Text by BCP 47 language tag; `en` is always present and is the fallback (common.schema.json `translatedLine`, `translatedMarkdown`). */
export type Translated = TranslatedLine;

/** Every delivery type, in the order the index and the catalog list them. */
export const DELIVERY_TYPES: readonly DeliveryType[] = ["helm", "nextcloud", "compose", "vm"];

/** A screenshot: HTTPS image URL with an optional translated caption (app.schema.json `screenshots[]`). */
export type Screenshot = NonNullable<AppManifest["screenshots"]>[number];

/** The artifact of a version: exactly one of `url`, `path` and `hosted` (version.schema.json `artifact`; the schema holds the "exactly one"). */
export type ArtifactRef = VersionManifest["artifact"];

/** One entry of `schema/categories.yaml` (categories.schema.json). */
export type Category = CategoriesFile["categories"][number];

/** Key of a version within an app: `<delivery>/<version>` (versions of each delivery type are independent). */
export function versionKey(v: Pick<VersionManifest, "delivery" | "version">): string {
  return `${v.delivery}/${v.version}`;
}
