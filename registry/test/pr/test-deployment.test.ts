import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sha256Hex } from "../../src/artifact/digest.ts";
import { sharedHelm } from "../../src/artifact/helm-tool/resolve-helm.ts";
import { runHelm } from "../../src/artifact/helm-tool/run-helm.ts";
import { stageTestDeployment } from "../../src/deploy/stage-test-deployment.ts";
import { CORPUS, REPO_ROOT, tempDir } from "../temp-registry.ts";

const WORKFLOW = path.join(REPO_ROOT, ".github/workflows/test-deployment.yml");
const version = (app: string, delivery: string, v: string, file: string) => ({
  app,
  delivery,
  version: v,
  file,
  kinds: ["new-version" as const],
});

describe("test deployment", () => {
  it("stages the changed charts and Compose files, verified, with the lists the workflow loops over; helm install --dry-run=client accepts the chart here", async () => {
    const out = await tempDir();
    const staged = await stageTestDeployment(
      REPO_ROOT,
      {
        versions: [
          version("harbor", "helm", "1.19.1", "apps/harbor/versions/helm/1.19.1.yaml"),
          version("gitea", "compose", "1.24.6", "apps/gitea/versions/compose/1.24.6.yaml"),
          version("notes", "nextcloud", "6.0.2", "apps/notes/versions/nextcloud/6.0.2.yaml"),
        ],
      },
      out,
      { mirrors: [CORPUS] },
    );
    expect(staged.map((s) => [s.delivery, s.name, s.file, s.kubeVersion])).toEqual([
      ["helm", "harbor", "harbor-1.19.1.tgz", "v1.20.0"],
      ["compose", "gitea", "gitea-1.24.6.yaml", undefined],
    ]);
    expect(await readFile(path.join(out, "helm.tsv"), "utf8")).toBe("harbor\tharbor-1.19.1.tgz\tv1.20.0\n");
    expect(await readFile(path.join(out, "compose.tsv"), "utf8")).toBe("gitea\tgitea-1.24.6.yaml\t\n");
    const chart = await readFile(path.join(out, "harbor-1.19.1.tgz"));
    expect(sha256Hex(chart)).toBe("593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1");
    const helm = await sharedHelm();
    const dryRun = await runHelm(
      helm!.path,
      ["install", "harbor", "{chart}", "--dry-run=client", "--namespace", "harbor"],
      { fileName: "harbor-1.19.1.tgz", bytes: chart },
    );
    expect(dryRun.stderr).toBe("");
    expect(dryRun.code).toBe(0);
    expect(dryRun.stdout).toContain("STATUS: pending-install");
  });

  it("the workflow installs into a pinned kind cluster with a pinned Helm, runs helm test and docker compose up --wait, read-only and without secrets", async () => {
    const text = await readFile(WORKFLOW, "utf8");
    const workflow = parse(text) as {
      on: Record<string, unknown>;
      permissions: unknown;
      jobs: Record<string, { steps: { uses?: string; run?: string; with?: Record<string, string> }[] }>;
    };
    expect(Object.keys(workflow.on)).toEqual(["pull_request"]);
    expect(workflow.permissions).toEqual({ contents: "read" });
    expect(text).not.toMatch(/secrets\.|GITHUB_TOKEN|pull_request_target/);
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    expect(steps.find((s) => s.uses?.startsWith("azure/setup-helm@"))?.with).toEqual({ version: "v4.1.4" });
    expect(steps.find((s) => s.uses?.startsWith("helm/kind-action@"))?.with).toMatchObject({
      version: "v0.27.0",
      node_image: expect.stringMatching(/^kindest\/node:v[\d.]+@sha256:[0-9a-f]{64}$/),
    });
    const runs = steps.map((s) => s.run ?? "").join("\n");
    expect(runs).toContain(
      'helm install "$name" "deploy/$file" --namespace "$name" --create-namespace --wait --timeout 10m',
    );
    expect(runs).toContain('helm test "$name"');
    expect(runs).toContain("up --detach --wait");
  });
});
