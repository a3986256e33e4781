import { warning, type Diagnostic } from "../report/diagnostic.ts";

/**
 * `pr/registry-change` (warning, one per path): a change outside `apps/<id>/`: workflows,
 * schemas, registry code, review policy, site, package files. Such a change alters how
 * every app is checked or published, so it is classified `registry-change` and the review
 * policy routes it to admins. A warning, not an error: admins make these changes too.
 */
export function checkRegistryChanges(paths: readonly string[]): Diagnostic[] {
  return paths.map((path) =>
    warning(
      "pr/registry-change",
      path,
      undefined,
      `${path} is outside apps/<id>/: a registry change (${area(path)}) that needs an admin's review`,
    ),
  );
}

/** A word for what a registry path is, for messages: `workflow`, `schema`, `registry code`, ... */
export function area(path: string): string {
  if (path.startsWith(".github/")) return path.startsWith(".github/workflows/") ? "workflow" : "GitHub settings";
  if (path.startsWith("schema/")) return "schema";
  if (path.startsWith("registry/") || path.startsWith("bin/") || path.startsWith("scripts/")) return "registry code";
  if (path.startsWith("site/")) return "site";
  if (path.startsWith("apps/")) return "apps/ layout";
  if (/^(package(-lock)?\.json|\.nvmrc|tsconfig\.json|vitest\.config\.ts|\.ci\/)/.test(path))
    return "build and CI setup";
  return "repository file";
}
