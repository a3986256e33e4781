import { appCategoryExists } from "./app-categories.ts";
import { appIcon } from "./app-icon.ts";
import { appIdMatchesFolder } from "./app-id.ts";
import { appLicenseSpdx } from "./app-license.ts";
import type { AppRule } from "./facts.ts";
import { markdownRenders } from "./markdown-renders.ts";
import { versionFileMatches } from "./version-file.ts";
import { versionCompatibilityRanges, versionDuplicates, versionSemver } from "./version-semver.ts";

/** Every semantic rule, run on each app after its files passed their schemas. */
export const APP_RULES: readonly AppRule[] = [
  appIdMatchesFolder,
  appCategoryExists,
  appLicenseSpdx,
  appIcon,
  versionFileMatches,
  versionSemver,
  versionDuplicates,
  versionCompatibilityRanges,
  markdownRenders,
];

export type { AppFacts, AppRule, VersionFacts } from "./facts.ts";
