import parseSpdx from "spdx-expression-parse";
import { error } from "../../report/diagnostic.ts";
import type { AppRule } from "./facts.ts";

/** `app/license-spdx`: the license is a valid SPDX license expression (SPDX specification, annex D). */
export const appLicenseSpdx: AppRule = ({ app }) => {
  const license = app?.data.license;
  if (!app || license === undefined) return [];
  try {
    parseSpdx(license);
    return [];
  } catch {
    return [
      error(
        "app/license-spdx",
        app.parsed.file,
        app.parsed.locate(["license"]),
        `license '${license}' is not an SPDX license expression`,
        "use an identifier from https://spdx.org/licenses/ such as Apache-2.0 or AGPL-3.0-or-later",
      ),
    ];
  }
};
