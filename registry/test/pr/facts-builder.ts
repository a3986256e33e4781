import { parseYaml, type ParsedYaml } from "../../src/manifest/parse-yaml.ts";
import type { FileChange } from "../../src/pr/file-change.ts";
import type { PrFacts } from "../../src/pr/pr-facts.ts";

/** An `app.yaml` with the fields the pull-request rules read. */
export function appYaml(id: string, maintainers: readonly string[], status = "active", extra = ""): string {
  return `id: ${id}\nname: { en: ${id} }\nmaintainers: [${maintainers.join(", ")}]\nstatus: ${status}\n${extra}`;
}

/** A version file; `artifact` is a YAML flow mapping. */
export function versionYaml(
  version: string,
  options: { status?: string; artifact?: string; changelog?: string; suspension?: string } = {},
): string {
  const artifact = options.artifact ?? "{ url: https://example.org/a.tgz, sha256: aaaa, size: 10 }";
  const suspension =
    options.suspension === undefined
      ? ""
      : `suspension: { reason: ${options.suspension}, date: "2026-05-04", pullRequest: 1 }\n`;
  return `version: "${version}"\ndelivery: helm\nartifact: ${artifact}\nchangelog: { en: ${options.changelog ?? "First."} }\nstatus: ${options.status ?? "released"}\n${suspension}`;
}

/**
 * Facts for `decidePr`, written like `git diff --name-status`: `"A path"`, `"M path"`,
 * `"D path"`, `"R from -> to"`. `headAppIds` defaults to the app folders of the head files
 * and of the base files not deleted.
 */
export function factsOf(input: {
  author?: string;
  changes: readonly string[];
  base?: Record<string, string>;
  head?: Record<string, string>;
  headAppIds?: readonly string[];
}): PrFacts {
  const parse = (files: Record<string, string> = {}) =>
    new Map<string, ParsedYaml>(Object.entries(files).map(([file, text]) => [file, parseYaml(file, text)]));
  const changes = input.changes.map(toChange);
  const deleted = new Set(changes.filter((c) => c.status === "deleted").map((c) => c.path));
  const folders = [...Object.keys(input.head ?? {}), ...Object.keys(input.base ?? {}).filter((f) => !deleted.has(f))]
    .filter((f) => f.startsWith("apps/"))
    .map((f) => f.split("/")[1] ?? "");
  return {
    author: input.author,
    changes,
    headAppIds: input.headAppIds ?? [...new Set(folders)],
    base: parse(input.base),
    head: parse(input.head),
  };
}

function toChange(line: string): FileChange {
  const [status, ...rest] = line.split(" ");
  const path = rest.join(" ");
  if (status === "R") {
    const [from, to] = path.split(" -> ");
    return { status: "renamed", from: from ?? "", path: to ?? "" };
  }
  return { status: status === "A" ? "added" : status === "D" ? "deleted" : "modified", path };
}
