import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "../temp-registry.ts";

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  needs?: string | string[];
  permissions?: Record<string, string>;
  environment?: { name: string };
  steps: Step[];
}
interface Workflow {
  on: { push?: { branches: string[] }; schedule?: { cron: string }[] };
  permissions: Record<string, string>;
  concurrency: { group: string; "cancel-in-progress": boolean };
  jobs: Record<string, Job>;
}

const workflow = parse(await readFile(path.join(REPO_ROOT, ".github/workflows/publish.yml"), "utf8")) as Workflow;
const build = workflow.jobs.build as Job;
const sign = workflow.jobs.sign as Job;
const publish = workflow.jobs.publish as Job;
const deploy = workflow.jobs.deploy as Job;
const steps = [...build.steps, ...sign.steps, ...publish.steps];
const index = (match: (s: Step) => boolean) => steps.findIndex(match);

describe("publish.yml", () => {
  it("runs on push to main and on a weekly schedule (re-signing well before the 14-day expiry), never two at once", () => {
    expect(workflow.on.push?.branches).toEqual(["main"]);
    expect(workflow.on.schedule?.[0]?.cron).toMatch(/^\d+ \d+ \* \* \d$/);
    expect(workflow.concurrency).toEqual({ group: "publish-pages", "cancel-in-progress": false });
  });

  it("builds with --require-artifacts, builds the site, signs (its own job), verifies it, then uploads, in that order", () => {
    expect([sign.needs, publish.needs, deploy.needs]).toEqual(["build", ["sign", "release-assets"], "publish"]);
    const order = [
      index((s) => s.run === "npm ci --no-audit --no-fund"),
      index((s) => s.run?.includes("appshelf.js build --require-artifacts") === true),
      index((s) => s.run?.includes("astro build") === true),
      index((s) => s.run?.includes("scripts/sign-release.ts") === true),
      index((s) => s.run?.includes("appshelf.js verify --registry dist/site") === true),
      index((s) => s.uses?.startsWith("actions/upload-pages-artifact@") === true),
    ];
    expect(order.every((i) => i >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it("gives the signing key to the signing step only (in the sign job), and Pages rights to the deploy job only", () => {
    const withSecret = steps.filter((s) => JSON.stringify(s).includes("secrets."));
    expect(withSecret.map((s) => s.env)).toEqual([
      { APPSHELF_SIGNING_KEY: "${{ secrets.APPSHELF_SIGNING_KEY }}", SITE: "${{ runner.temp }}/site" },
    ]);
    expect(sign.steps).toContain(withSecret[0]);
    expect([build.permissions, sign.permissions, publish.permissions]).toEqual([undefined, undefined, undefined]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(deploy).toMatchObject({
      needs: "publish",
      permissions: { pages: "write", "id-token": "write" },
      environment: { name: "github-pages" },
    });
    expect(deploy.steps.map((s) => s.uses?.split("@")[0])).toEqual(["actions/deploy-pages"]);
  });

  it("hosts copies as release assets: built with --release-assets, uploaded by the only job that may write contents, before the site is deployed", () => {
    const assets = workflow.jobs["release-assets"] as Job;
    expect(build.steps.find((s) => s.run?.includes("appshelf.js build"))?.run).toContain(
      '--host-artifacts --release-assets "$GITHUB_REPOSITORY" --release-assets-out "$RUNNER_TEMP/release-assets" --annotate',
    );
    expect(
      Object.entries(workflow.jobs)
        .filter(([, job]) => job.permissions?.contents === "write")
        .map(([name]) => name),
    ).toEqual(["release-assets"]);
    expect(assets).toMatchObject({ needs: "build", permissions: { contents: "write" } });
    expect(assets.steps.flatMap((s) => (s.run ? [s.run] : []))).toEqual([
      "npm ci --no-audit --no-fund --ignore-scripts",
      'node scripts/upload-release-assets.ts --dir "$ASSETS" --repository "$GITHUB_REPOSITORY"',
    ]);
    expect(assets.steps[0]?.with).toMatchObject({ "persist-credentials": false });
    expect(publish.needs).toContain("release-assets");
  });
});
