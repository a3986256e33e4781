import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import type { PrResult } from "../../src/check-pr/pr-result.ts";
import { CORPUS, REPO_ROOT, tempDir } from "../temp-registry.ts";
import { aPrRepo } from "./pr-repo.ts";
import { runAppshelf, type CliRun } from "../run-appshelf.ts";

/** Runs the real `appshelf` command in `cwd` with exactly the given GitHub variables (none by default). */
function appshelf(cwd: string, args: string[], github: Record<string, string> = {}): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GITHUB_")));
  return runAppshelf(args, { cwd, env: { ...env, ...github } });
}

/** Runs `node scripts/check-pr.ts` (the Actions entry point) in `cwd` with exactly the given GitHub variables. */
async function checkPrScript(cwd: string, args: string[], github: Record<string, string> = {}): Promise<CliRun> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("GITHUB_")));
  try {
    const { stdout, stderr } = await promisify(execFile)(
      process.execPath,
      [path.join(REPO_ROOT, "scripts/check-pr.ts"), ...args],
      { cwd, env: { ...env, ...github }, maxBuffer: 64 * 1024 * 1024 },
    );
    return { code: 0, stdout, stderr };
  } catch (cause) {
    const e = cause as CliRun;
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** A pull request on wordpress by a non-maintainer (error) that also edits a workflow (warning). */
async function foreignEdit() {
  const r = await aPrRepo(["wordpress"]);
  await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
  await r.edit(".github/workflows/validate.yml", "timeout-minutes: 20", "timeout-minutes: 30");
  await r.commit("head");
  return r;
}

describe("appshelf check-pr", () => {
  it("prints diagnostics and a summary of kinds, apps and versions, and exits 1 on errors", async () => {
    const r = await foreignEdit();
    const { code, stdout } = await appshelf(r.root, [
      "check-pr",
      "--base",
      "main",
      "--author",
      "mallory",
      "--mirror",
      CORPUS,
      "--offline",
    ]);
    expect(code).toBe(1);
    expect(stdout.replace(/[0-9a-f]{7}\.\.[0-9a-f]{7}/, "BASE..HEAD")).toMatchInlineSnapshot(`
      ".github/workflows/validate.yml warning pr/registry-change .github/workflows/validate.yml is outside apps/<id>/: a registry change (workflow) that needs an admin's review
      apps/wordpress/app.yaml:53:14 error pr/not-maintainer @mallory is not a maintainer of wordpress (maintainers on the base branch: @bitnami); only they may change it
          hint: ask a maintainer to submit the change, or propose an ownership transfer (change maintainers in apps/wordpress/app.yaml) for admins to review
      Pull request BASE..HEAD by @mallory
      Change kinds: metadata-edit, registry-change
        wordpress: metadata-edit
        outside apps/: .github/workflows/validate.yml
      Helm charts judged by Helm v4.1.4 (bundled).
      Names held at the merge base: no previous publish given (--previous): every version file of the merge base was read.
      Checked 1 app, 0 versions, 1 registry file (validated 1 app, 2 versions): 1 error, 1 warning.
      "
    `);
  });

  it("--format json and --result write the result for the review gate", async () => {
    const r = await foreignEdit();
    const out = path.join(await tempDir(), "pr-check.json");
    const { code, stdout } = await appshelf(r.root, [
      "check-pr",
      "--base",
      "main",
      "--author",
      "mallory",
      "--mirror",
      CORPUS,
      "--offline",
      "--format",
      "json",
      "--result",
      out,
    ]);
    expect(code).toBe(1);
    const result = JSON.parse(stdout) as PrResult;
    expect(JSON.parse(await readFile(out, "utf8"))).toEqual(result);
    const headSha = (await r.git.revparse(["HEAD"])).trim();
    const baseSha = (await r.git.revparse(["main"])).trim();
    expect(result).toMatchObject({
      version: 1,
      ok: false,
      base: { ref: "main", sha: baseSha },
      head: { ref: "HEAD", sha: headSha },
      mergeBase: baseSha,
      author: "mallory",
      kinds: ["metadata-edit", "registry-change"],
      apps: [{ id: "wordpress", kinds: ["metadata-edit"], versions: [] }],
      versions: [],
      registryFiles: [".github/workflows/validate.yml"],
      validated: { apps: 1, versions: 2 },
    });
    expect(result.diagnostics.map((d) => d.ruleId)).toEqual(["pr/registry-change", "pr/not-maintainer"]);
  });

  it("in GitHub Actions (scripts/check-pr.ts): inputs from the event payload, annotations on file, line and column, a job summary table, the result file", async () => {
    const r = await foreignEdit();
    const dir = await tempDir();
    const [summaryFile, eventFile, resultFile] = ["summary.md", "event.json", "pr-check.json"].map((f) =>
      path.join(dir, f),
    ) as [string, string, string];
    await writeFile(summaryFile, "");
    const baseSha = (await promisify(execFile)("git", ["rev-parse", "main"], { cwd: r.root })).stdout.trim();
    await writeFile(
      eventFile,
      JSON.stringify({ pull_request: { number: 7, base: { sha: baseSha }, user: { login: "mallory" } } }),
    );
    const { code, stdout } = await checkPrScript(r.root, ["--mirror", CORPUS, "--offline", "--result", resultFile], {
      GITHUB_EVENT_PATH: eventFile,
      GITHUB_STEP_SUMMARY: summaryFile,
    });
    expect(code).toBe(1);
    const annotations = stdout.split("\n").filter((l) => l.startsWith("::"));
    expect(annotations).toEqual([
      "::warning title=pr/registry-change,file=.github/workflows/validate.yml::.github/workflows/validate.yml is outside apps/<id>/: a registry change (workflow) that needs an admin's review",
      "::error title=pr/not-maintainer,file=apps/wordpress/app.yaml,line=53,col=14::@mallory is not a maintainer of wordpress (maintainers on the base branch: @bitnami); only they may change it%0Ahint: ask a maintainer to submit the change, or propose an ownership transfer (change maintainers in apps/wordpress/app.yaml) for admins to review",
    ]);
    expect(stdout).toContain("Change kinds: metadata-edit, registry-change");
    const summary = await readFile(summaryFile, "utf8");
    expect(summary).toContain("<h2>Pull-request check: failed</h2>");
    expect(summary).toContain("<th>App</th><th>Versions</th><th>Change kinds</th><th>Problems</th>");
    expect(summary).toContain("<td>wordpress</td><td>-</td><td>metadata-edit</td><td>1 error, 0 warnings</td>");
    expect(summary).toContain(
      "<td>outside apps/</td><td>.github/workflows/validate.yml</td><td>registry-change</td><td>0 errors, 1 warning</td>",
    );
    expect(summary).toContain("<td>error</td><td>pr/not-maintainer</td><td>apps/wordpress/app.yaml:53</td>");
    const result = JSON.parse(await readFile(resultFile, "utf8")) as PrResult;
    expect([result.author, result.base.sha, result.ok]).toEqual(["mallory", baseSha, false]);
  });

  it("scripts/check-pr.ts without a pull_request event or --base fails with the reason", async () => {
    const r = await aPrRepo(["wordpress"]);
    const { code, stdout } = await checkPrScript(r.root, []);
    expect(code).toBe(1);
    expect(stdout).toContain(
      "::error::check-pr: no base commit: run on a pull_request event (GITHUB_EVENT_PATH) or give --base",
    );
  });

  it("the command never annotates, even in GitHub Actions (GITHUB_ACTIONS=true)", async () => {
    const r = await foreignEdit();
    const { code, stdout } = await appshelf(
      r.root,
      ["check-pr", "--base", "main", "--author", "mallory", "--mirror", CORPUS, "--offline"],
      { GITHUB_ACTIONS: "true" },
    );
    expect(code).toBe(1);
    expect(stdout).not.toContain("::");
  });

  it("outside GitHub Actions no annotations are printed; a clean pull request exits 0", async () => {
    const r = await aPrRepo(["wordpress"]);
    await r.edit("apps/wordpress/app.yaml", "keywords: [wordpress,", "keywords: [wordpress, blogging,");
    await r.commit("head");
    const { code, stdout } = await appshelf(r.root, [
      "check-pr",
      "--base",
      "main",
      "--author",
      "bitnami",
      "--mirror",
      CORPUS,
      "--offline",
    ]);
    expect(code).toBe(0);
    expect(stdout).not.toContain("::");
    expect(stdout).toContain("Change kinds: metadata-edit");
  });

  it("bad usage exits 2: missing --base, a bad login, an unknown ref", async () => {
    const r = await aPrRepo(["wordpress"]);
    expect((await appshelf(r.root, ["check-pr"])).code).toBe(2);
    const login = await appshelf(r.root, ["check-pr", "--base", "main", "--author", "a b"]);
    expect([login.code, login.stderr]).toEqual([2, "appshelf: --author 'a b' is not a GitHub login\n"]);
    const ref = await appshelf(r.root, ["check-pr", "--base", "nope"]);
    expect(ref.code).toBe(2);
    expect(ref.stderr).toContain("'nope' is not a commit");
  });

  it("has --help", async () => {
    const { code, stdout } = await appshelf(REPO_ROOT, ["check-pr", "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: appshelf check-pr/);
    expect(stdout).toContain("--result <file>");
  });
});
