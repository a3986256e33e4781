import type { InfoRule } from "./info-rule.ts";
import { checkCategories, checkScreenshotsHttps, checkTextEnglish } from "./rules-listing.ts";
import { checkAuthor, checkLicence, checkNextcloudDependency, checkVersionSemver } from "./rules-release.ts";

/**
 * The checks of info.xml beyond info.xsd, in the order their diagnostics are reported.
 * They run on the file as written (with the app store's alias mappings), also when the
 * schema is not available. Rules needing the app id or the manifest are in
 * `check-manifest-match.ts`.
 */
export const INFO_RULES: readonly InfoRule[] = [
  checkVersionSemver,
  checkLicence,
  checkAuthor,
  checkTextEnglish,
  checkCategories,
  checkScreenshotsHttps,
  checkNextcloudDependency,
];
