/**
 * The value mappings the app store's `pre-info.xslt` applies before validating (nextcloud/appstore
 * `nextcloudappstore/api/v1/release/pre-info.xslt`). The rules beyond the schema and the
 * metadata use them so that they judge and show what the app store judges and shows,
 * also when the XSLT itself is not available.
 */

/** Licence aliases, matched case-insensitively; `agpl` and `gpl3` are kept as they are. */
const LICENCE_ALIASES: Record<string, string> = {
  agpl: "agpl",
  apache: "Apache-2.0",
  gpl3: "gpl3",
  mit: "MIT",
  mpl: "MPL-2.0",
};

/** The deprecated aliases the app store still accepts after the XSLT (they have no exact SPDX id). */
export const KEPT_LICENCE_ALIASES: readonly string[] = ["agpl", "gpl3"];

/** `APACHE` -> `Apache-2.0`, `Mit` -> `MIT`, `AGPL` -> `agpl`; anything else unchanged. */
export function normaliseLicence(licence: string): string {
  return LICENCE_ALIASES[licence.toLowerCase()] ?? licence;
}

/** The legacy category `auth` becomes `security`; anything else unchanged. */
export function normaliseCategory(category: string): string {
  return category === "auth" ? "security" : category;
}

/** Categories of an app: mapped as above; `tools` when none is given (the XSLT inserts it). */
export function normaliseCategories(categories: readonly string[]): string[] {
  return categories.length === 0 ? ["tools"] : categories.map(normaliseCategory);
}
