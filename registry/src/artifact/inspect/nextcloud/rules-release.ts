import semver from "semver";
import spdxIds from "spdx-license-ids/index.json" with { type: "json" };
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { KEPT_LICENCE_ALIASES, normaliseLicence } from "./app-store-aliases.ts";
import type { InfoRule } from "./info-rule.ts";
import { locateElement } from "./locate-in-xml.ts";
import { isPlatformVersion, nextcloudRange, padAppVersion } from "./nextcloud-versions.ts";

const SPDX_IDS = new Set<string>(spdxIds);

/**
 * `nextcloud/version-semver`: `<version>` is semver once padded to three numbers
 * (`1.2` -> `1.2.0`, pre-release kept), as the app store reads versions
 * (nextcloudappstore/core/versioning.py). info.xsd's `semver` type asks for three numbers.
 */
export const checkVersionSemver: InfoRule = (info, { file, source }) => {
  if (info.version === undefined)
    return [error("nextcloud/version-semver", file, locateElement(source, "info"), "info.xml has no <version>")];
  if (padAppVersion(info.version) !== undefined) return [];
  return [
    error(
      "nextcloud/version-semver",
      file,
      locateElement(source, "version"),
      `<version> '${info.version}' is not a semantic version`,
      "write MAJOR.MINOR.PATCH, optionally with a pre-release such as 1.0.0-beta.1",
    ),
  ];
};

/**
 * `nextcloud/licence`: at least one `<licence>`, each an SPDX licence id or one of the
 * deprecated aliases `agpl` / `gpl3` the app store keeps, after its pre-info.xslt mapped
 * `apache`, `mit`, `mpl` (any case) to SPDX ids. Source: pre-info.xslt; info.xsd `licence`.
 */
export const checkLicence: InfoRule = (info, { file, source }) => {
  if (info.licences.length === 0)
    return [
      error(
        "nextcloud/licence",
        file,
        locateElement(source, "info"),
        "info.xml has no <licence>",
        "add e.g. <licence>AGPL-3.0-or-later</licence>",
      ),
    ];
  return info.licences.flatMap((licence) => {
    const normalised = normaliseLicence(licence);
    if (SPDX_IDS.has(normalised) || KEPT_LICENCE_ALIASES.includes(normalised)) return [];
    return [
      error(
        "nextcloud/licence",
        file,
        locateElement(source, "licence", licence),
        `<licence> '${licence}' is not an SPDX licence identifier`,
        "use one SPDX id per <licence>, e.g. AGPL-3.0-or-later",
      ),
    ];
  });
};

/** `nextcloud/author`: at least one `<author>` with a name (info.xsd `author`, minOccurs 1). */
export const checkAuthor: InfoRule = (info, { file, source }) =>
  info.authors.some((author) => author.name.trim() !== "")
    ? []
    : [
        error(
          "nextcloud/author",
          file,
          locateElement(source, "author") ?? locateElement(source, "info"),
          "info.xml names no <author>",
          "add <author>Your Name</author>",
        ),
      ];

/**
 * `nextcloud/nextcloud-dependency`: `<dependencies><nextcloud min-version=…>` is present,
 * its versions have 1 to 3 numbers (info.xsd `version`) and min is not above max (a
 * max-version `31` covers every 31.x, see {@link nextcloudRange}). The app
 * store needs it to know which servers can install the release.
 */
export const checkNextcloudDependency: InfoRule = (info, { file, source }) => {
  const at =
    locateElement(source, "nextcloud") ?? locateElement(source, "dependencies") ?? locateElement(source, "info");
  const fail = (message: string): Diagnostic[] => [
    error(
      "nextcloud/nextcloud-dependency",
      file,
      at,
      message,
      'declare e.g. <dependencies><nextcloud min-version="30" max-version="32"/></dependencies>',
    ),
  ];
  const { min, max } = info.nextcloud ?? {};
  if (info.nextcloud === undefined) return fail("info.xml declares no <dependencies><nextcloud> element");
  if (min === undefined) return fail("<nextcloud> has no min-version");
  for (const [name, value] of [
    ["min-version", min],
    ["max-version", max],
  ] as const) {
    if (value !== undefined && !isPlatformVersion(value))
      return fail(`<nextcloud> ${name} '${value}' is not a version like 30, 30.0 or 30.0.1`);
  }
  if (semver.minVersion(nextcloudRange(min, max)) === null)
    return fail(`<nextcloud> min-version ${min} is above max-version ${max ?? ""}`);
  return [];
};
