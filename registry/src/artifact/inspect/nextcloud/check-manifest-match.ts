import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import type { InspectInput } from "../inspect-types.ts";
import type { InfoXml } from "./info-xml.ts";
import { locateElement } from "./locate-in-xml.ts";
import { isPlatformVersion, nextcloudRange, padAppVersion, rangesMatch } from "./nextcloud-versions.ts";

/** Where info.xml is, for diagnostics that point into it. */
export interface InfoXmlSource {
  /** `<archive>!<app>/appinfo/info.xml`. */
  file: string;
  /** The text as written. */
  source: string;
}

/**
 * Compares info.xml with the registry: the app id, and the version manifest.
 * - `nextcloud/id-mismatch` (info.xml `<id>`): `<id>` equals the app id; the app store
 *   takes the app id from the archive's folder and requires `<id>` to match it;
 * - `nextcloud/version-mismatch` (manifest `version`): the manifest's `version` equals
 *   `<version>` padded to three numbers (`1.2` -> `1.2.0`, see `padAppVersion`);
 * - `nextcloud/compatibility-mismatch` (manifest `compatibility.nextcloud`): the range admits
 *   exactly the Nextcloud versions of `<nextcloud min-version max-version>`, compared as
 *   node-semver ranges (`nextcloudRange`, `rangesMatch`): min 28 max 31 <=> `>=28 <=31`.
 *   A manifest without `compatibility.nextcloud` is an error too: info.xml is the truth and
 *   the catalog shows the range.
 * Checks whose info.xml side is missing or malformed are skipped: the info.xml rules
 * already report it.
 */
export function checkManifestMatch(
  info: InfoXml,
  where: InfoXmlSource,
  input: Pick<InspectInput, "appId" | "version" | "manifest">,
): Diagnostic[] {
  return [...checkId(info, where, input.appId), ...checkVersion(info, input), ...checkCompatibility(info, input)];
}

function checkId(info: InfoXml, { file, source }: InfoXmlSource, appId: string): Diagnostic[] {
  if (info.id === undefined || info.id === appId) return [];
  return [
    error(
      "nextcloud/id-mismatch",
      file,
      locateElement(source, "id"),
      `<id> is '${info.id}' but the app id is '${appId}'; they must be equal`,
      `set <id>${appId}</id> or move the app to apps/${info.id}/`,
    ),
  ];
}

function checkVersion(info: InfoXml, { version, manifest }: Pick<InspectInput, "version" | "manifest">): Diagnostic[] {
  const padded = info.version === undefined ? undefined : padAppVersion(info.version);
  if (padded === undefined || padded === version.version) return [];
  const shown = padded === info.version ? `'${padded}'` : `'${info.version}' (${padded})`;
  return [
    error(
      "nextcloud/version-mismatch",
      manifest.file,
      manifest.locate(["version"]),
      `version is '${version.version}' but the artifact's info.xml <version> is ${shown}; they must be equal`,
      `set version: "${padded}" or point the artifact at the ${version.version} release`,
    ),
  ];
}

function checkCompatibility(
  info: InfoXml,
  { version, manifest }: Pick<InspectInput, "version" | "manifest">,
): Diagnostic[] {
  const min = info.nextcloud?.min;
  const max = info.nextcloud?.max;
  if (min === undefined || !isPlatformVersion(min) || (max !== undefined && !isPlatformVersion(max))) return [];
  const expected = nextcloudRange(min, max);
  const declared = version.compatibility?.nextcloud;
  const where = declared === undefined ? ["compatibility"] : ["compatibility", "nextcloud"];
  const hint = `set compatibility.nextcloud: "${expected}"`;
  const said = `info.xml declares <nextcloud min-version="${min}"${max === undefined ? "" : ` max-version="${max}"`}>, i.e. "${expected}"`;
  if (declared === undefined)
    return [
      error(
        "nextcloud/compatibility-mismatch",
        manifest.file,
        manifest.locate(where),
        `compatibility.nextcloud is missing; ${said}`,
        hint,
      ),
    ];
  if (rangesMatch(declared, expected)) return [];
  return [
    error(
      "nextcloud/compatibility-mismatch",
      manifest.file,
      manifest.locate(where),
      `compatibility.nextcloud is "${declared}" but ${said}; they must admit the same Nextcloud versions`,
      hint,
    ),
  ];
}
