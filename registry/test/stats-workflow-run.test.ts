import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { REPO_ROOT } from "./temp-registry.ts";

/**
 * stats.yml's `commit` job, run for real (issue 13, class 13): its shell step in a temp
 * clone with a bare remote, after the artifact is laid out where download-artifact puts it
 * (the `with.path` of the download step, `${{ runner.temp }}` replaced; upload-artifact of a
 * single file stores it at the artifact's root). The counts must reach
 * .github/appshelf/downloads.json on the remote; a hostile artifact commits nothing.
 */
const run = promisify(execFile);
const STATS = ".github/appshelf/downloads.json";

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, string>;
  env?: Record<string, string>;
}

const dirs: string[] = [];
afterEach(async () => Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true }))));

async function commitJob(): Promise<{
  uploadPath: string;
  downloadPath: string;
  script: string;
  env: Record<string, string>;
}> {
  const workflow = parse(await readFile(path.join(REPO_ROOT, ".github/workflows/stats.yml"), "utf8")) as {
    jobs: Record<string, { steps: Step[] }>;
  };
  const upload = workflow.jobs.read?.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
  const steps = workflow.jobs.commit?.steps ?? [];
  const download = steps.find((s) => s.uses?.startsWith("actions/download-artifact@"));
  const shell = steps.find((s) => s.run !== undefined);
  return {
    uploadPath: upload?.with?.path ?? "",
    downloadPath: download?.with?.path ?? "",
    script: shell?.run ?? "",
    env: shell?.env ?? {},
  };
}

/** A clone of a bare remote holding the old counts; returns the clone, the remote and `runner.temp`. */
async function aRepository(): Promise<{ work: string; origin: string; runnerTemp: string }> {
  const root = await mkdtemp(path.join(tmpdir(), "appshelf-stats-"));
  dirs.push(root);
  const origin = path.join(root, "origin.git");
  const seed = path.join(root, "seed");
  await run("git", ["init", "-q", "--bare", "--initial-branch=main", origin]);
  await run("git", ["init", "-q", "--initial-branch=main", seed]);
  await mkdir(path.join(seed, ".github/appshelf"), { recursive: true });
  await writeFile(path.join(seed, STATS), '{ "harbor": 1 }\n');
  const git = (cwd: string, ...args: string[]) =>
    run("git", ["-c", "user.name=t", "-c", "user.email=t@example.invalid", "-c", "commit.gpgsign=false", ...args], {
      cwd,
    });
  await git(seed, "add", "-A");
  await git(seed, "commit", "-q", "-m", "old counts");
  await git(seed, "push", "-q", origin, "main");
  const work = path.join(root, "work");
  await run("git", ["clone", "-q", origin, work]);
  const runnerTemp = path.join(root, "runner-temp");
  await mkdir(runnerTemp);
  return { work, origin, runnerTemp };
}

/** Lays out the artifact as download-artifact does, then runs the job's shell step as GitHub does (bash -e, pipefail). */
async function runCommitJob(
  files: Record<string, string>,
): Promise<{ code: number; stdout: string; remote: string; log: string }> {
  const job = await commitJob();
  const { work, origin, runnerTemp } = await aRepository();
  const expand = (value: string) => value.replaceAll("${{ runner.temp }}", runnerTemp);
  const into = path.resolve(work, expand(job.downloadPath));
  await mkdir(into, { recursive: true });
  for (const [name, text] of Object.entries(files)) await writeFile(path.join(into, name), text);
  const env = { ...process.env, ...Object.fromEntries(Object.entries(job.env).map(([k, v]) => [k, expand(v)])) };
  let code = 0;
  let stdout = "";
  try {
    stdout = (await run("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", job.script], { cwd: work, env }))
      .stdout;
  } catch (cause) {
    code = (cause as { code?: number }).code ?? 1;
  }
  const remote = (await run("git", ["show", `main:${STATS}`], { cwd: origin })).stdout;
  const log = (await run("git", ["log", "--format=%s", "main"], { cwd: origin })).stdout;
  return { code, stdout, remote, log };
}

describe("stats.yml commit job, run", () => {
  it("the read job uploads the file the commit job commits", async () => {
    expect((await commitJob()).uploadPath).toBe(STATS);
  });

  it("commits changed counts to .github/appshelf/downloads.json on main", async () => {
    const { code, remote, log } = await runCommitJob({ "downloads.json": '{ "harbor": 1234 }\n' });
    expect(code).toBe(0);
    expect(JSON.parse(remote)).toEqual({ harbor: 1234 });
    expect(log.split("\n")[0]).toBe("Download counts from GitHub Releases");
  });

  it("commits nothing when the counts are unchanged", async () => {
    const { code, stdout, log } = await runCommitJob({ "downloads.json": '{ "harbor": 1 }\n' });
    expect(code).toBe(0);
    expect(stdout).toContain("Download counts unchanged.");
    expect(log.trim().split("\n")).toEqual(["old counts"]);
  });

  it.each([
    ["a second file in the artifact", { "downloads.json": '{ "harbor": 2 }\n', "review-policy.yaml": "stages: []\n" }],
    ["a file that is not a JSON object", { "downloads.json": "[1, 2]\n" }],
    ["a file that is not JSON", { "downloads.json": "harbor: 2\n" }],
    ["another file name", { "counts.json": '{ "harbor": 2 }\n' }],
  ])("refuses %s and commits nothing", async (_name, files) => {
    const { code, remote, log } = await runCommitJob(files);
    expect(code).not.toBe(0);
    expect(JSON.parse(remote)).toEqual({ harbor: 1 });
    expect(log.trim().split("\n")).toEqual(["old counts"]);
  });
});
