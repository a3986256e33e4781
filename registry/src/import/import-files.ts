import { readdir, stat } from "node:fs/promises";
import { parseYaml } from "../manifest/parse-yaml.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import { schemaDiagnostics } from "../manifest/schema-diagnostics.ts";
import { schemaCheck } from "../json/schemas.ts";
import { ImportError } from "../errors/import-error.ts";

/**
 * Checks planned manifests (repo-relative path → YAML text) against `schema/app.schema.json`
 * or `schema/version.schema.json` before anything is written.
 * @throws ImportError with every diagnostic when one would not be valid.
 */
export function assertValidManifests(files: ReadonlyMap<string, string>): void {
  const diagnostics: Diagnostic[] = [];
  for (const [file, text] of files) {
    const parsed = parseYaml(file, text);
    diagnostics.push(
      ...parsed.diagnostics,
      ...schemaDiagnostics(parsed, schemaCheck(file.endsWith("app.yaml") ? "app" : "version")(parsed.data)),
    );
  }
  if (diagnostics.length > 0)
    throw new ImportError("the imported manifests would not be valid; nothing was written", diagnostics);
}

/** Whether `file` exists. */
export async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}

/** Versions already in a `versions/<delivery>/` folder (file names without `.yaml`); empty when the folder is missing. */
export async function existingVersions(dir: string): Promise<Set<string>> {
  const names = await readdir(dir).catch(() => [] as string[]);
  return new Set(names.filter((n) => n.endsWith(".yaml")).map((n) => n.slice(0, -".yaml".length)));
}
