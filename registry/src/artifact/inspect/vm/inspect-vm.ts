import { error, hasErrors, type Diagnostic } from "../../../report/diagnostic.ts";
import { readArchive } from "../../archive/read-archive.ts";
import { fileLabel, filesUnder, findTopFolder, readText, type PackageFolder } from "../shared/package-folder.ts";
import type { Inspector, VmMetadata } from "../inspect-types.ts";
import { checkConfigJson } from "./check-config-json.ts";
import { checkPackageJson } from "./check-package-json.ts";
import { checkTemplate } from "./check-template.ts";
import { parameterKeys } from "./config-tree.ts";
import { packageSchemas } from "./package-schemas.ts";
import { readPackageFile } from "./read-package-file.ts";
import { TEMPLATE_NAMES, type ConfigJson, type PackageJson } from "./vm-package.ts";

/**
 * Inspects an OpenPitrix VM package (OpenPitrix packaging spec, openpitrix-specification
 * "开发模板规范"; archive as `op package` writes it: a gzip tar; the developer guide's
 * TAR, TAR.BZ and ZIP are accepted too (its WordPress sample is a `.tar`), with the same
 * entry checks; one folder named after the package). Rule ids:
 * - `archive/*` (read-archive.ts), `vm/top-folder`.
 * - `vm/missing-file`: package.json, config.json or the cluster template is absent;
 *   `vm/template-ambiguous`: both `cluster.json.tmpl` and `cluster.json.mustache`.
 * - `vm/json`, `vm/package-json`, `vm/config-json`, `vm/locale`: a JSON file is not JSON or
 *   has the wrong shape (optional `locale/*.json`: translations, text by text).
 * - the rules of check-package-json.ts, check-config-json.ts and check-template.ts.
 *
 * @returns metadata `{ vm }` only when no error was found (warnings allowed)
 */
export const inspectVm: Inspector = async (input) => {
  const { archive, diagnostics: refused } = await readArchive(input.bytes, input.label, [
    "tar.gz",
    "tar",
    "tar.bz2",
    "zip",
  ]);
  if (!archive) return { diagnostics: refused };
  const { folder, diagnostics: misplaced } = findTopFolder(
    archive,
    "vm/top-folder",
    "the package files (package.json, config.json, cluster.json.tmpl)",
  );
  if (!folder) return { diagnostics: misplaced };
  const schemas = packageSchemas();
  const packageJson = readPackageFile<PackageJson>(folder, "package.json", schemas.packageJson, "vm/package-json");
  const configJson = readPackageFile<ConfigJson>(folder, "config.json", schemas.configJson, "vm/config-json");
  const templates = TEMPLATE_NAMES.filter((name) => readText(folder, name) !== undefined);
  const diagnostics: Diagnostic[] = [
    ...missingFiles(folder, packageJson.file !== undefined, configJson.file !== undefined, templates.length > 0),
  ];
  diagnostics.push(...packageJson.diagnostics, ...configJson.diagnostics);
  if (packageJson.file) diagnostics.push(...checkPackageJson({ input, folder }, packageJson.file));
  if (configJson.file) diagnostics.push(...checkConfigJson(configJson.file));
  const config = configJson.file?.value;
  const [template, other] = templates;
  if (other !== undefined)
    diagnostics.push(
      error(
        "vm/template-ambiguous",
        fileLabel(folder, other),
        undefined,
        `the package has both ${template} and ${other}; keep one cluster template`,
      ),
    );
  else if (template !== undefined)
    diagnostics.push(...checkTemplate(fileLabel(folder, template), readText(folder, template) ?? "", config));
  diagnostics.push(...checkLocales(folder));
  const meta = packageJson.file?.value;
  if (hasErrors(diagnostics) || !meta || !config || template === undefined) return { diagnostics };
  const vm: VmMetadata = { name: meta.name, version: meta.version, parameters: parameterKeys(config), template };
  if (meta.app_version !== undefined) vm.appVersion = meta.app_version;
  if (meta.description !== undefined) vm.description = meta.description;
  return { diagnostics, metadata: { vm } };
};

function missingFiles(
  folder: PackageFolder,
  hasPackage: boolean,
  hasConfig: boolean,
  hasTemplate: boolean,
): Diagnostic[] {
  const missing = [
    hasPackage ? undefined : "package.json",
    hasConfig ? undefined : "config.json",
    hasTemplate ? undefined : "cluster.json.tmpl",
  ].filter((name) => name !== undefined);
  return missing.map((name) =>
    error(
      "vm/missing-file",
      fileLabel(folder, name),
      undefined,
      `an OpenPitrix package needs ${folder.top}/${name}`,
      name === "cluster.json.tmpl" ? "the template may also be named cluster.json.mustache" : undefined,
    ),
  );
}

/** `vm/json`, `vm/locale`: each `locale/<language>.json` maps texts to their translations (spec "国际化"). */
function checkLocales(folder: PackageFolder): Diagnostic[] {
  return filesUnder(folder, "locale")
    .filter((name) => name.endsWith(".json"))
    .flatMap((name) => readPackageFile(folder, name, packageSchemas().locale, "vm/locale").diagnostics);
}
