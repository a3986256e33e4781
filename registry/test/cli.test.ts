import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { CORPUS, tempDir, tempRegistry } from "./temp-registry.ts";
import { runAppshelf, type CliRun } from "./run-appshelf.ts";

/** Runs the real `appshelf` command with the Node running the tests (>= 22.18). */
const appshelf = (args: string[]): Promise<CliRun> => runAppshelf(args);

describe("the appshelf command", () => {
  it("has --help on the program and every subcommand", async () => {
    for (const args of [["--help"], ["validate", "--help"], ["build", "--help"]]) {
      const { code, stdout } = await appshelf(args);
      expect(code).toBe(0);
      expect(stdout).toMatch(/^Usage: appshelf/);
    }
  });

  it("validate: prints file:line:column, severity, rule and message, a summary, and exits 1 on errors", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/app.yaml", "website: https://goharbor.io", "website: http://goharbor.io");
    const { code, stdout } = await appshelf(["validate", "--root", r.root, "--mirror", CORPUS]);
    expect(code).toBe(1);
    expect(stdout).toMatchInlineSnapshot(`
      "apps/harbor/app.yaml:35:12 error url/https links.website must be an absolute https:// URL, not 'http://goharbor.io'
      harbor-1.19.1.tgz!harbor/Chart.yaml:1:13 warning helm/api-version-v1 apiVersion v1 is the Helm 2 chart format; Helm 3 still installs it
          hint: set apiVersion: v2 (and move any requirements.yaml dependencies into Chart.yaml)
      Validated 1 app, 1 version: 1 error, 1 warning.
      Helm charts judged by Helm v4.1.4 (bundled).
      "
    `);
  });

  it("validate --format json: machine-readable diagnostics and counts", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/versions/helm/1.19.1.yaml", 'version: "1.19.1"', 'version: "1.19.2"');
    const { code, stdout } = await appshelf(["validate", "--root", r.root, "--mirror", CORPUS, "--format", "json"]);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as {
      ok: boolean;
      counts: { apps: number };
      diagnostics: { ruleId: string; line: number }[];
    };
    expect(report.ok).toBe(false);
    expect(report.counts.apps).toBe(1);
    expect(report.diagnostics.map((d) => `${d.ruleId}:${d.line}`)).toEqual([
      "helm/version-mismatch:3",
      "version/file-name:3",
      "helm/api-version-v1:1",
    ]);
  });

  it("validate <paths>: checks only the apps the paths are in", async () => {
    const r = await tempRegistry(["harbor", "wordpress"]);
    await r.edit("apps/wordpress/app.yaml", "license: Apache-2.0", "license: Apache 2");
    const harborOnly = await appshelf([
      "validate",
      "--root",
      r.root,
      "--mirror",
      CORPUS,
      path.join(r.root, "apps/harbor/app.yaml"),
    ]);
    expect(harborOnly.code).toBe(0);
    expect(harborOnly.stdout).toContain("Validated 1 app, 1 version: 0 errors, 1 warning.");
    const both = await appshelf([
      "validate",
      "--root",
      r.root,
      "--mirror",
      CORPUS,
      path.join(r.root, "apps/harbor"),
      path.join(r.root, "apps/wordpress"),
    ]);
    expect(both.code).toBe(1);
  });

  it("bad usage exits 2 with a message", async () => {
    const { code, stderr } = await appshelf(["validate", "--format", "xml"]);
    expect(code).toBe(2);
    expect(stderr).toContain("unknown --format 'xml'");
  });

  it("build: validates the sample apps with --require-artifacts and writes dist/index.json (with --annotate, the publish job summary)", async () => {
    const out = path.join(await tempDir(), "dist");
    const summaryFile = path.join(await tempDir(), "summary.md");
    await writeFile(summaryFile, "");
    const { code, stdout } = await runAppshelf(
      ["build", "--mirror", CORPUS, "--require-artifacts", "--offline", "--out", out, "--annotate"],
      { env: { ...process.env, GITHUB_STEP_SUMMARY: summaryFile } },
    );
    expect(await readFile(summaryFile, "utf8")).toContain("<h2>Publish: serial");
    expect(code).toBe(0);
    expect(stdout).toMatch(/Validated \d+ apps, \d+ versions: 0 errors, 3 warnings\./);
    const catalog = JSON.parse(await readFile(path.join(out, "catalog.json"), "utf8")) as { apps: unknown[] };
    expect(stdout).toContain(`${catalog.apps.length} apps`);
    expect(stdout).toContain("Unsigned: no index.json.sig was written");
  });

  it("build: stops on errors and writes nothing", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit("apps/harbor/app.yaml", "id: harbor", "id: harbour");
    const out = path.join(await tempDir(), "dist");
    const { code, stderr } = await appshelf(["build", "--root", r.root, "--mirror", CORPUS, "--out", out]);
    expect(code).toBe(1);
    expect(stderr).toContain("Nothing was written");
    await expect(readFile(path.join(out, "index.json"))).rejects.toThrow(/ENOENT/);
  });
});
