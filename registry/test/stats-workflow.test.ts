import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "./temp-registry.ts";

interface Job {
  permissions?: Record<string, string>;
  needs?: string;
  steps: { uses?: string; run?: string; with?: Record<string, unknown> }[];
}

describe("stats.yml", () => {
  it("runs daily; only the job that runs no npm code may write, and it only commits the stats file", async () => {
    const workflow = parse(await readFile(path.join(REPO_ROOT, ".github/workflows/stats.yml"), "utf8")) as {
      on: Record<string, unknown>;
      permissions: unknown;
      jobs: Record<string, Job>;
    };
    expect(Object.keys(workflow.on).sort()).toEqual(["schedule", "workflow_dispatch"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    const { read, commit } = workflow.jobs;
    expect(read?.permissions).toEqual({ contents: "read", discussions: "read" });
    expect(read?.steps.map((s) => s.run).filter(Boolean)).toEqual([
      "npm ci --no-audit --no-fund",
      'node scripts/read-download-stats.ts --out .github/appshelf/downloads.json --release-assets "$GITHUB_REPOSITORY" --host-artifacts',
    ]);
    expect(commit?.permissions).toEqual({ contents: "write" });
    expect(commit?.needs).toBe("read");
    const runs = commit?.steps.flatMap((s) => (s.run ? [s.run] : [])).join("\n") ?? "";
    expect(runs).not.toMatch(/\b(npm|npx|node)\b/);
    expect(runs).toContain("git add .github/appshelf/downloads.json");
  });
});

describe("discussions.yml", () => {
  it("runs when apps change on main; the job with discussions: write cannot write contents, the committing job runs no npm code", async () => {
    const workflow = parse(await readFile(path.join(REPO_ROOT, ".github/workflows/discussions.yml"), "utf8")) as {
      on: Record<string, { branches?: string[]; paths?: string[] } | null>;
      permissions: unknown;
      concurrency: { group: string };
      jobs: Record<string, Job & { if?: string }>;
    };
    expect(workflow.on.push).toEqual({ branches: ["main"], paths: ["apps/**"] });
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(workflow.concurrency.group).toBe("stats");
    const { create, commit } = workflow.jobs;
    expect(create?.permissions).toEqual({ contents: "read", discussions: "write" });
    expect(create?.steps.map((s) => s.run).filter((r) => r?.startsWith("node ") || r?.startsWith("npm "))).toEqual([
      "npm ci --no-audit --no-fund",
      'node scripts/create-app-discussions.ts --out .github/appshelf/downloads.json --category Apps --site "$PAGES_URL"',
    ]);
    expect(commit?.permissions).toEqual({ contents: "write" });
    expect(commit?.if).toBe("needs.create.outputs.changed == 'true'");
    expect(commit?.steps.flatMap((s) => (s.run ? [s.run] : [])).join("\n")).not.toMatch(/\b(npm|npx|node)\b/);
  });
});
