import { execFile } from "node:child_process";
import { copyFile, mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import type { LayerRule } from "../../../lint/layer-rules.ts";
import { REPO_ROOT } from "../temp-registry.ts";

/** A file written into the probe tree, and what Biome must say about each of its lines. */
export interface Probe {
  /** Repo-relative path inside the probe tree. */
  file: string;
  /** One import per line. */
  lines: string[];
  /** Per line: the message Biome must report (a rule's message), or undefined for a line that must pass. */
  expect: (string | undefined)[];
  /** Expected category for flagged lines. */
  category: "lint/style/noRestrictedImports" | "lint/suspicious/noImportCycles";
}

/** One diagnostic of `biome lint --reporter=json`. */
export interface BiomeDiagnostic {
  category: string;
  message: string;
  location: { path: string; start: { line: number } };
}

/** A specifier a gitignore-style pattern matches: `**\/git/**` → `../git/probe.ts`, `@octokit/*` → `@octokit/probe`. */
export function exampleOf(pattern: string): string {
  return pattern
    .replace(/^\*\*\//, "../")
    .replace(/\/\*\*$/, "/probe.ts")
    .replace(/\*/g, "probe");
}

const isTestFolder = (folder: string): boolean => folder.split("/").includes("test");

/** Where a probe of `rule` goes inside `folder`: a plain file, or a `.test.ts` where only tests are bound. */
export function probeFile(rule: LayerRule, folder: string, name: string): string {
  const test = rule.files === "tests" && !isTestFolder(folder);
  return `${folder}/lint-probe-${name}${test ? ".test.ts" : ".ts"}`;
}

/**
 * Probes breaking every module and pattern of `rule` once in each folder it binds, and
 * proving its excepted folders (and, for source rules, the tests beside the source) free.
 */
export function probesOf(rule: LayerRule): Probe[] {
  const specifiers = [...(rule.modules ?? []), ...(rule.patterns ?? []).map(exampleOf)];
  const lines = specifiers.map((s) => `import "${s}";`);
  const breaking = rule.scope
    .filter((s) => !(rule.except ?? []).includes(s))
    .map(
      (folder): Probe => ({
        file: probeFile(rule, folder, rule.id),
        lines: [...lines, 'import "./neighbour.ts";', 'import "yaml";'],
        expect: [...lines.map(() => rule.message), undefined, undefined],
        category: "lint/style/noRestrictedImports",
      }),
    );
  const excepted = (rule.except ?? []).map(
    (folder): Probe => ({
      file: probeFile(rule, folder, `${rule.id}-excepted`),
      lines: (rule.modules ?? []).map((m) => `import "${m}";`),
      expect: (rule.modules ?? []).map(() => undefined),
      category: "lint/style/noRestrictedImports",
    }),
  );
  const testsFree =
    rule.files === "source" && rule.modules?.length
      ? rule.scope.map(
          (folder): Probe => ({
            file: `${folder}/lint-probe-${rule.id}-free.test.ts`,
            lines: rule.modules?.map((m) => `import "${m}";`) ?? [],
            expect: rule.modules?.map(() => undefined) ?? [],
            category: "lint/style/noRestrictedImports",
          }),
        )
      : [];
  return [...breaking, ...excepted, ...testsFree];
}

/** Two modules importing each other by `import type` only: the cycle rule must still see them. */
export function cycleProbes(folder: string): Probe[] {
  const flagged = "cycle";
  return [
    {
      file: `${folder}/lint-probe-cycle-a.ts`,
      lines: ['import type { B } from "./lint-probe-cycle-b.ts";', "export type A = B[];"],
      expect: [flagged, undefined],
      category: "lint/suspicious/noImportCycles",
    },
    {
      file: `${folder}/lint-probe-cycle-b.ts`,
      lines: ['import type { A } from "./lint-probe-cycle-a.ts";', "export type B = A | 1;"],
      expect: [flagged, undefined],
      category: "lint/suspicious/noImportCycles",
    },
  ];
}

/**
 * Writes the probes beside copies of the repository's biome.json and .gitignore in `dir` and
 * runs the repository's Biome there; returns its diagnostics (exit code 1 is expected).
 */
export async function lintProbes(dir: string, probes: Probe[]): Promise<BiomeDiagnostic[]> {
  await copyFile(path.join(REPO_ROOT, "biome.json"), path.join(dir, "biome.json"));
  await copyFile(path.join(REPO_ROOT, ".gitignore"), path.join(dir, ".gitignore"));
  for (const probe of probes) {
    await mkdir(path.dirname(path.join(dir, probe.file)), { recursive: true });
    await writeFile(path.join(dir, probe.file), `${probe.lines.join("\n")}\n`);
  }
  const biome = path.join(REPO_ROOT, "node_modules/.bin/biome");
  const out = await promisify(execFile)(biome, ["lint", "--reporter=json", "--max-diagnostics=none", "."], {
    cwd: dir,
    maxBuffer: 64 << 20,
  }).then(
    (r) => r.stdout,
    (e: { stdout?: string }) => e.stdout ?? "",
  );
  return (JSON.parse(out) as { diagnostics: BiomeDiagnostic[] }).diagnostics;
}
