import { cp, mkdtemp, readFile, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach } from "vitest";
import type { Diagnostic } from "../src/report/diagnostic.ts";
import { PUBLISHERS_DIR } from "../src/publisher/publisher-record.ts";

/** The repository root (holds the real sample apps and schemas). */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/** `../shared/corpus`: real third-party artifacts, used as the artifact mirror. */
export const CORPUS = path.resolve(REPO_ROOT, "../shared/corpus");

const created: string[] = [];
afterEach(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A throw-away copy of the real registry (apps/ and schema/) that a test may break. Removed after the test. */
export interface TempRegistry {
  root: string;
  /** Reads a repo-relative file. */
  read(file: string): Promise<string>;
  /** Writes a repo-relative file (folders are created). */
  write(file: string, text: string | Buffer): Promise<void>;
  /** Replaces the first occurrence of `from` in a file; throws when `from` is absent. */
  edit(file: string, from: string | RegExp, to: string): Promise<void>;
}

/** Copies the real `apps/` (only `apps` when given), `schema/` and the publisher records into a temp folder. */
export async function tempRegistry(apps?: readonly string[]): Promise<TempRegistry> {
  const root = await mkdtemp(path.join(tmpdir(), "appshelf-test-"));
  created.push(root);
  await cp(path.join(REPO_ROOT, "schema"), path.join(root, "schema"), { recursive: true });
  await cp(path.join(REPO_ROOT, PUBLISHERS_DIR), path.join(root, PUBLISHERS_DIR), { recursive: true });
  await mkdir(path.join(root, "apps"));
  const ids = apps ?? [];
  if (apps) {
    for (const id of ids) await cp(path.join(REPO_ROOT, "apps", id), path.join(root, "apps", id), { recursive: true });
  } else {
    await cp(path.join(REPO_ROOT, "apps"), path.join(root, "apps"), { recursive: true });
  }
  const full = (file: string) => path.join(root, file);
  return {
    root,
    read: (file) => readFile(full(file), "utf8"),
    async write(file, text) {
      await mkdir(path.dirname(full(file)), { recursive: true });
      await writeFile(full(file), text);
    },
    async edit(file, from, to) {
      const text = await readFile(full(file), "utf8");
      const next = text.replace(from, to);
      if (next === text) throw new Error(`${String(from)} not found in ${file}`);
      await writeFile(full(file), next);
    },
  };
}

/** A fresh temp folder removed after the test. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), "appshelf-out-"));
  created.push(dir);
  return dir;
}

/** The errors of a diagnostics list (warnings left out). */
export function errorsOf(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return diagnostics.filter((d) => d.severity === "error");
}

/** The one warning the real sample apps carry: Harbor publishes a Helm 2 style (apiVersion v1) chart. */
export const HARBOR_V1_WARNING = {
  ruleId: "helm/api-version-v1",
  severity: "warning",
  file: "harbor-1.19.1.tgz!harbor/Chart.yaml",
};
