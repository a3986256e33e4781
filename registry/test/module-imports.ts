import { readdir } from "node:fs/promises";
import path from "node:path";
import { REPO_ROOT } from "./temp-registry.ts";

/** `registry/src`, whose module boundaries the boundaries tests check (in place of ESLint no-restricted-imports). */
export const SRC = path.join(REPO_ROOT, "registry/src");

/** Every `.ts` file under `dir`, tests included. */
export async function sources(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(".ts")).map((e) => path.join(e.parentPath, e.name));
}

/** Module specifiers of a file's `import … from "…"` statements. */
export const importsOf = (text: string): string[] => [...text.matchAll(/^\s*import\s[^;]*?from\s+"([^"]+)"/gms)].map((m) => m[1] ?? "");

