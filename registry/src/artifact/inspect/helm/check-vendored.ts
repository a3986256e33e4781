import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { filesUnder, readText, type PackageFolder } from "../shared/package-folder.ts";
import type { ChartRule } from "./chart-rule.ts";
import type { ChartDependency } from "./chart-yaml.ts";

/**
 * `helm/dependency-missing`: every declared dependency is vendored in the archive's
 * `charts/` folder, as a sub-folder whose Chart.yaml has that name or as a
 * `<name>-<version>.tgz` (what `helm dependency build` writes). `helm install` of a
 * published archive never fetches dependencies: Helm refuses a chart that lacks one
 * ("found in Chart.yaml, but missing in charts/ directory").
 *
 * @param declaredIn Chart.yaml, or requirements.yaml of an apiVersion v1 chart
 */
export function checkVendored(
  folder: PackageFolder,
  dependencies: readonly ChartDependency[],
  declaredIn: ParsedYaml,
): Diagnostic[] {
  const vendored = vendoredNames(folder);
  return dependencies.flatMap((dependency, index) =>
    vendored.has(dependency.name)
      ? []
      : [
          error(
            "helm/dependency-missing",
            declaredIn.file,
            declaredIn.locate(["dependencies", index, "name"]),
            `dependency '${dependency.name}' (${dependency.version}) is not vendored in ${folder.top}/charts/, so helm install of this archive fails`,
            "run helm dependency build before helm package, and publish the archive that holds charts/",
          ),
        ],
  );
}

/** Chart names in `charts/`: sub-folders by their Chart.yaml `name`, archives by their file name. */
function vendoredNames(folder: PackageFolder): Set<string> {
  const names = new Set<string>();
  for (const file of filesUnder(folder, "charts")) {
    const parts = file.split("/");
    if (parts.length === 2 && parts[1]?.endsWith(".tgz")) {
      const archiveName = /^(.+?)-\d+\.\d+\.\d+.*\.tgz$/.exec(parts[1]);
      if (archiveName?.[1]) names.add(archiveName[1]);
    } else if (parts.length === 3 && parts[2] === "Chart.yaml") {
      const name = /^name:\s*["']?([^"'\s#]+)/m.exec(readText(folder, file) ?? "")?.[1];
      if (name) names.add(name);
    }
  }
  return names;
}

/**
 * `helm/library-chart`: a library chart (`type: library`) provides templates to other
 * charts and installs nothing (Helm: "library charts are not installable"), so it is
 * refused as an installable version.
 */
export const checkNotLibrary: ChartRule = ({ parsed, chart }) =>
  chart.type === "library"
    ? [
        error(
          "helm/library-chart",
          parsed.file,
          parsed.locate(["type"]),
          `'${chart.name}' is a library chart (type: library): Helm cannot install it`,
          "publish the application chart that uses it (with this library vendored in its charts/) instead",
        ),
      ]
    : [];
