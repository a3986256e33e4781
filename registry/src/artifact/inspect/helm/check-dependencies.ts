import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { toNodeRange } from "./chart-rule.ts";
import type { ChartDependency } from "./chart-yaml.ts";

/** Helm's `aliasNameFormat` (pkg/chart/dependency.go). */
const ALIAS = /^[a-zA-Z0-9_-]+$/;

/**
 * Checks the declared dependencies of a chart (Helm Chart.yaml v2 `dependencies`; the
 * `requirements.yaml` of v1 charts). Rule ids:
 * - `helm/dependency`: `version` is not a version or range; `repository` is not one of the
 *   forms Helm resolves (an `https://`/`http://` repository URL, `oci://` registry,
 *   `file://` path, `@name` or `alias:name` of a configured repository); `alias` has
 *   characters Helm disallows; `name` is not a single folder name.
 * - `helm/dependency-duplicate`: two dependencies share a name or alias (Helm's
 *   `Metadata.Validate`: "more than one dependency with name or alias").
 *
 * @param parsed the file that declares them, to point at the entry's line
 */
export function checkDependencies(parsed: ParsedYaml, dependencies: readonly ChartDependency[]): Diagnostic[] {
  const seen = new Map<string, number>();
  return dependencies.flatMap((dependency, index) => {
    const at = (field: string) => parsed.locate(["dependencies", index, field]);
    const problems = describeProblems(dependency).map(([field, message]) =>
      error("helm/dependency", parsed.file, at(field), `dependency '${dependency.name}': ${message}`),
    );
    const key = dependency.alias ?? dependency.name;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push(
        error(
          "helm/dependency-duplicate",
          parsed.file,
          at(dependency.alias ? "alias" : "name"),
          `more than one dependency is named or aliased '${key}' (first at line ${parsed.locate(["dependencies", first]).line})`,
        ),
      );
    } else seen.set(key, index);
    return problems;
  });
}

function describeProblems(dependency: ChartDependency): [field: string, message: string][] {
  const problems: [string, string][] = [];
  if (dependency.name === "." || dependency.name === ".." || /[/\\]/.test(dependency.name))
    problems.push(["name", "the name must be a chart name, not a path"]);
  if (toNodeRange(dependency.version) === undefined)
    problems.push([
      "version",
      `version '${dependency.version}' is not a version or a version range (e.g. 2.x.x, ^1.4.0)`,
    ]);
  if (dependency.repository && !isRepository(dependency.repository)) {
    problems.push([
      "repository",
      `repository '${dependency.repository}' is not a repository URL (https://, oci://), a file:// path, or @name / alias:name of a repository`,
    ]);
  }
  if (dependency.alias !== undefined && !ALIAS.test(dependency.alias))
    problems.push(["alias", `alias '${dependency.alias}' may only use letters, digits, '_' and '-'`]);
  return problems;
}

/** The repository forms Helm's dependency resolver accepts (pkg/downloader/manager.go). */
function isRepository(repository: string): boolean {
  if (/^@[^\s@/]+$/.test(repository) || /^alias:[^\s/]+$/.test(repository)) return true;
  if (repository.startsWith("file://")) return repository.length > "file://".length;
  try {
    const url = new URL(repository);
    return ["https:", "http:", "oci:"].includes(url.protocol) && url.hostname !== "";
  } catch {
    return false;
  }
}
