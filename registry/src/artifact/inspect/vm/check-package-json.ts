import semver from "semver";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import type { PackageFile, PackageJson, VmContext } from "./vm-package.ts";

/**
 * Rules on package.json (OpenPitrix packaging spec, "package.json 文件"), after its shape:
 * - `vm/api-version`: the API version is present (`apiVersion`, or `api_version` as `op`
 *   writes it) and is `v1`, the only value the spec defines.
 * - `vm/version`: `version` follows SemVer 2, as the spec requires.
 * - `vm/top-folder`: the package sits in a folder named after it, as `op package` writes
 *   it (`<name>/package.json`; `op` refuses a package.json at the archive root).
 * - `vm/version-mismatch`, `vm/app-version-mismatch`: agrees with the version manifest
 *   (app_version only compared when package.json has one; the spec does not require it).
 */
export function checkPackageJson(
  { input, folder }: VmContext,
  { parsed, value }: PackageFile<PackageJson>,
): Diagnostic[] {
  if (!value) return [];
  const diagnostics: Diagnostic[] = [];
  const apiVersion = value.apiVersion ?? value.api_version;
  const apiKey = value.apiVersion !== undefined ? "apiVersion" : "api_version";
  if (apiVersion === undefined)
    diagnostics.push(
      error(
        "vm/api-version",
        parsed.file,
        parsed.locate([]),
        "package.json has no apiVersion; the OpenPitrix spec requires it",
        'add "apiVersion": "v1"',
      ),
    );
  else if (apiVersion !== "v1")
    diagnostics.push(
      error(
        "vm/api-version",
        parsed.file,
        parsed.locate([apiKey]),
        `${apiKey} '${apiVersion}' is not an OpenPitrix package API version; expected v1`,
      ),
    );
  if (semver.valid(value.version) === null)
    diagnostics.push(
      error(
        "vm/version",
        parsed.file,
        parsed.locate(["version"]),
        `version '${value.version}' is not a semantic version (SemVer 2, MAJOR.MINOR.PATCH)`,
      ),
    );
  if (value.name !== folder.top) {
    diagnostics.push(
      error(
        "vm/top-folder",
        parsed.file,
        parsed.locate(["name"]),
        `the package is named '${value.name}' but sits in the folder '${folder.top}/'; op package puts it in a folder named after it`,
      ),
    );
  }
  const { manifest, version } = input;
  if (value.version !== version.version) {
    diagnostics.push(
      error(
        "vm/version-mismatch",
        manifest.file,
        manifest.locate(["version"]),
        `the manifest is version ${version.version}, but ${parsed.file} (line ${parsed.locate(["version"]).line}) says version ${value.version}`,
      ),
    );
  }
  if (version.appVersion !== undefined && value.app_version !== undefined && value.app_version !== version.appVersion) {
    diagnostics.push(
      error(
        "vm/app-version-mismatch",
        manifest.file,
        manifest.locate(["appVersion"]),
        `the manifest says appVersion ${version.appVersion}, but ${parsed.file} says app_version ${value.app_version}`,
      ),
    );
  }
  return diagnostics;
}
