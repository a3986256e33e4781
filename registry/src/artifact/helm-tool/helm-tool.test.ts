import { chmod, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { tempDir } from "../../../test/temp-registry.ts";
import { inspectHelm } from "../inspect/helm/inspect-helm.ts";
import { anInspectInput, packTarGz } from "../../../test/inspect/helm-fixtures.ts";
import { parseLintOutput, parseTemplateError } from "./parse-helm-output.ts";
import { resolveHelm } from "./resolve-helm.ts";
import { runHelm } from "./run-helm.ts";

/** A stand-in `helm` (a shell script) that prints `script`'s output, for resolution and limits. */
async function fakeHelm(dir: string, script: string): Promise<string> {
  const file = path.join(dir, "helm");
  await writeFile(file, `#!/bin/sh\n${script}\n`);
  await chmod(file, 0o755);
  return file;
}

describe("reading Helm's output", () => {
  it("lint: errors and warnings with their continuation lines, located by the message or the entry's path; info left out", () => {
    const output = [
      "==> Linting demo-1.0.0.tgz",
      "[INFO] Chart.yaml: icon is recommended",
      "[ERROR] templates/: demo/templates/svc.yaml:9:11",
      '  executing "demo/templates/svc.yaml" at <include "x" .>:',
      "    error calling include",
      "[WARNING] templates/cm.yaml: object name does not conform to Kubernetes naming requirements",
      "[ERROR] templates/: validation: chart.metadata.type must be application or library",
      "[WARNING] demo: chart directory is missing these dependencies: common",
      "[ERROR] : unable to load chart",
      "",
      "Error: 1 chart(s) linted, 1 chart(s) failed",
    ].join("\n");
    expect(parseLintOutput(output, "demo")).toEqual([
      {
        ruleId: "helm/lint",
        path: "demo/templates/svc.yaml",
        line: 9,
        column: 11,
        message:
          'demo/templates/svc.yaml:9:11 executing "demo/templates/svc.yaml" at <include "x" .>: error calling include',
      },
      {
        ruleId: "helm/lint",
        path: "demo/templates/cm.yaml",
        message: "object name does not conform to Kubernetes naming requirements",
      },
      {
        ruleId: "helm/lint",
        path: "demo/Chart.yaml",
        message: "validation: chart.metadata.type must be application or library",
      },
      {
        ruleId: "helm/lint",
        path: "demo/Chart.yaml",
        message: "chart directory is missing these dependencies: common",
      },
      { ruleId: "helm/lint", message: "unable to load chart" },
    ]);
  });

  it("template: the error after 'Error: ', without log lines and the --debug advice", () => {
    const stderr =
      'level=WARN msg="missing required value"\nError: execution error at (demo/templates/cm.yaml:7:8): need foo\n\nUse --debug flag to render out invalid YAML\n';
    expect(parseTemplateError(stderr, "demo")).toEqual({
      ruleId: "helm/template",
      path: "demo/templates/cm.yaml",
      line: 7,
      column: 8,
      message: "execution error at (demo/templates/cm.yaml:7:8): need foo",
    });
    expect(parseTemplateError("Error: library charts are not installable\n", "demo")).toEqual({
      ruleId: "helm/template",
      path: "demo/Chart.yaml",
      message: "library charts are not installable",
    });
    // A location outside the chart's folder is not trusted as one.
    expect(parseTemplateError("Error: at (other/x.yaml:3): boom\n", "demo")).toEqual({
      ruleId: "helm/template",
      message: "at (other/x.yaml:3): boom",
    });
  });
});

describe("finding Helm", () => {
  it("takes $APPSHELF_HELM first, then helm on PATH, and refuses an APPSHELF_HELM that is not Helm", async () => {
    const dir = await tempDir();
    const fake = await fakeHelm(dir, 'echo "v9.9.9"');
    expect(await resolveHelm({ APPSHELF_HELM: fake, PATH: "" }, dir)).toEqual({
      path: fake,
      version: "v9.9.9",
      source: "APPSHELF_HELM",
    });
    expect(await resolveHelm({ PATH: dir }, dir)).toEqual({ path: fake, version: "v9.9.9", source: "PATH" });
    const broken = await fakeHelm(await tempDir(), "echo nonsense");
    await expect(resolveHelm({ APPSHELF_HELM: broken }, dir)).rejects.toThrow(/not a Helm binary/);
  });

  it("falls back to the bundled Helm, extracted once with its sha256 checked", async () => {
    const tools = await tempDir();
    const helm = await resolveHelm({ PATH: "" }, tools);
    expect(helm).toMatchObject({ version: "v4.1.4", source: "bundled" });
    expect(helm?.path.startsWith(tools)).toBe(true);
    expect(await resolveHelm({ PATH: "" }, tools)).toEqual(helm);
  });

  it("without Helm: a warning that the template checks were skipped, an error when tools are required", async () => {
    const chart = packTarGz(
      new Map([
        ["demo/Chart.yaml", "apiVersion: v2\nname: demo\nversion: 1.0.0\n"],
        ["demo/templates/cm.yaml", "kind: ConfigMap\n"],
      ]),
    );
    const input = anInspectInput({ bytes: chart, label: "demo-1.0.0.tgz", appId: "demo", delivery: "helm" });
    const lenient = await inspectHelm({ ...input, tools: { helm: undefined, requireTools: false } });
    expect(lenient.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "helm/not-run", severity: "warning", file: "demo-1.0.0.tgz" }),
    ]);
    const strict = await inspectHelm({ ...input, tools: { helm: undefined, requireTools: true } });
    expect(strict.diagnostics).toEqual([expect.objectContaining({ ruleId: "helm/not-run", severity: "error" })]);
    expect(strict.metadata).toBeUndefined();
  });
});

describe("running Helm safely", () => {
  it("gives Helm a private HOME and HELM_* folders, no proxy to the network, and our temp paths scrubbed from its messages", async () => {
    const fake = await fakeHelm(
      await tempDir(),
      'echo "HOME=$HOME"; echo "CACHE=$HELM_CACHE_HOME"; echo "PROXY=$HTTPS_PROXY"; echo "ARG=$2" >&2',
    );
    const run = await runHelm(fake, ["lint", "{chart}"], { fileName: "demo-1.0.0.tgz", bytes: Buffer.from("x") });
    expect(run.code).toBe(0);
    const [home, cache, proxy] = run.stdout.split("\n");
    expect(home).toMatch(/^HOME=.*appshelf-helm-/);
    // HELM_CACHE_HOME sits inside that HOME: printed relative to it once the temp path is scrubbed.
    expect([cache, proxy]).toEqual(["CACHE=cache", "PROXY=http://127.0.0.1:9"]);
    expect(run.stderr).toBe("ARG=demo-1.0.0.tgz\n");
  });

  it("stops a Helm that runs too long or prints too much", async () => {
    const slow = await fakeHelm(await tempDir(), "sleep 30");
    expect(
      await runHelm(
        slow,
        ["version"],
        { fileName: "a.tgz", bytes: Buffer.from("x") },
        { timeoutMs: 200, maxOutputBytes: 1024 },
      ),
    ).toMatchObject({ code: null, cut: "timeout" });
    const loud = await fakeHelm(await tempDir(), "yes helm");
    expect(
      await runHelm(
        loud,
        ["version"],
        { fileName: "a.tgz", bytes: Buffer.from("x") },
        { timeoutMs: 20_000, maxOutputBytes: 4096 },
      ),
    ).toMatchObject({ cut: "output" });
  });
});
