import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../report/diagnostic.ts";
import { inspectHelm } from "../inspect/helm/inspect-helm.ts";
import { anInspectInput, corpusPath, inputFromRepo, packTarGz } from "../../../test/inspect/helm-fixtures.ts";
import type { HelmMetadata } from "../inspect/inspect-types.ts";
import { sha256Hex } from "../digest.ts";
import { judgeChart } from "./helm-verdict.ts";
import { sharedHelm } from "./resolve-helm.ts";

/**
 * Real Helm's verdicts: the corpus charts Helm accepts, and one chart written here for each
 * class of failure `helm lint --strict` and `helm template` report, each verdict located in
 * the archive (`demo-1.0.0.tgz!demo/<path>:<line>`). Runs the Helm binary resolve-helm.ts
 * finds (the bundled v4.1.4 unless APPSHELF_HELM or PATH gives another).
 */

const CHART_YAML = "apiVersion: v2\nname: demo\nversion: 1.0.0\nicon: https://example.org/icon.png\n";
const CONFIG_MAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: demo\ndata:\n  greeting: hello\n";

/** Inspects a small chart `demo` 1.0.0 made of `files` (paths inside demo/); Chart.yaml and values.yaml default to valid ones. */
async function judge(files: Record<string, string>, version: Record<string, unknown> = {}) {
  const all = new Map<string, string>(
    Object.entries({ "Chart.yaml": CHART_YAML, "values.yaml": "replicas: 1\n", ...files }).map(([p, t]) => [
      `demo/${p}`,
      t,
    ]),
  );
  const input = anInspectInput({
    bytes: packTarGz(all),
    label: "demo-1.0.0.tgz",
    appId: "demo",
    delivery: "helm",
    version,
  });
  return inspectHelm(input);
}

/** Real Helm's own verdict on the chart `judge` would build (before our findings replace its repeats). */
async function verdictOf(files: Record<string, string>) {
  const bytes = packTarGz(
    new Map(
      Object.entries({ "Chart.yaml": CHART_YAML, "values.yaml": "replicas: 1\n", ...files }).map(([p, t]) => [
        `demo/${p}`,
        t,
      ]),
    ),
  );
  return judgeChart((await sharedHelm())!, {
    bytes,
    sha256: sha256Hex(bytes),
    fileName: "demo-1.0.0.tgz",
    top: "demo",
  });
}

const fromHelm = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.ruleId === "helm/lint" || d.ruleId === "helm/template");

describe("real Helm accepts the corpus charts", () => {
  it.each([
    ["apps/mysql/versions/helm/14.0.5.yaml", "helm/packaged/mysql-14.0.5.tgz"],
    ["apps/redis/versions/helm/23.1.1.yaml", "helm/packaged/redis-23.1.1.tgz"],
    ["apps/wordpress/versions/helm/27.0.0.yaml", "helm/packaged/wordpress-27.0.0.tgz"],
    ["apps/emqx/versions/helm/5.8.5.yaml", "helm/packages/emqx-5.8.5.tgz"],
    ["apps/harbor/versions/helm/1.19.1.yaml", "helm/published/harbor-1.19.1.tgz"],
  ])("%s: helm lint --strict and helm template pass, and the render report is kept", async (manifest, archive) => {
    const result = await inspectHelm(
      inputFromRepo(manifest, readFileSync(corpusPath(archive)), archive.split("/").pop() ?? ""),
    );
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const render = (result.metadata as { helm: HelmMetadata }).helm.render;
    expect(render?.tool).toMatch(/^helm v\d+\.\d+\.\d+/);
    expect(render?.images.length).toBeGreaterThan(0);
  });

  it.each(["mysql-14.0.5", "redis-23.1.1", "wordpress-27.0.0"])(
    "Helm refuses the %s re-pack without its dependencies, as helm install would",
    async (name) => {
      const app = name.split("-")[0] ?? "";
      const result = await inspectHelm(
        inputFromRepo(
          `apps/${app}/versions/helm/${name.split("-")[1]}.yaml`,
          readFileSync(corpusPath(`helm/packages/${name}.tgz`)),
          `${name}.tgz`,
        ),
      );
      const missing = result.diagnostics.filter((d) => d.ruleId === "helm/dependency-missing");
      expect(missing.length).toBeGreaterThan(0);
      expect(missing[0]).toMatchObject({
        severity: "error",
        file: `${name}.tgz!${app}/Chart.yaml`,
        line: expect.any(Number),
      });
      expect(result.metadata).toBeUndefined();
    },
  );
});

describe("the Harbor render report", () => {
  it("lists what the published Harbor chart creates and every image it runs, rendered for Kubernetes 1.20", async () => {
    const result = await inspectHelm(
      inputFromRepo(
        "apps/harbor/versions/helm/1.19.1.yaml",
        readFileSync(corpusPath("helm/published/harbor-1.19.1.tgz")),
        "harbor-1.19.1.tgz",
      ),
    );
    const render = (result.metadata as { helm: HelmMetadata }).helm.render;
    expect(render).toMatchObject({ tool: expect.stringMatching(/^helm v/), kubeVersion: "v1.20.0", flags: [] });
    expect(render?.objects).toEqual([
      { apiVersion: "apps/v1", kind: "Deployment", count: 4 },
      { apiVersion: "apps/v1", kind: "StatefulSet", count: 3 },
      { apiVersion: "networking.k8s.io/v1", kind: "Ingress", count: 1 },
      { apiVersion: "v1", kind: "ConfigMap", count: 6 },
      { apiVersion: "v1", kind: "PersistentVolumeClaim", count: 2 },
      { apiVersion: "v1", kind: "Secret", count: 8 },
      { apiVersion: "v1", kind: "Service", count: 7 },
    ]);
    expect(render?.images.map((i) => i.ref)).toEqual(
      [
        "harbor-core",
        "harbor-db",
        "harbor-jobservice",
        "harbor-portal",
        "harbor-registryctl",
        "redis-photon",
        "registry-photon",
        "trivy-adapter-photon",
      ].map((n) => `docker.io/goharbor/${n}:v2.15.1`),
    );
    expect(render?.images[0]).toEqual({
      ref: "docker.io/goharbor/harbor-core:v2.15.1",
      name: "docker.io/goharbor/harbor-core",
      tag: "v2.15.1",
    });
  });
});

describe("Helm's verdict on each class of broken chart, located in the archive", () => {
  it("template syntax: an undefined function", async () => {
    const result = await judge({ "templates/cm.yaml": CONFIG_MAP.replace("hello", "{{ deliberateSyntaxError }}") });
    expect(fromHelm(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/lint",
        severity: "error",
        file: "demo-1.0.0.tgz!demo/templates/cm.yaml",
        line: 6,
        message: expect.stringContaining('function "deliberateSyntaxError" not defined'),
      }),
    ]);
    expect(result.metadata).toBeUndefined();
  });

  it("template syntax: a malformed action", async () => {
    const result = await judge({
      "templates/cm.yaml": CONFIG_MAP.replace("  greeting: hello", "  { {- $relname := .Release.Name -}}"),
    });
    expect(fromHelm(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/lint",
        file: "demo-1.0.0.tgz!demo/templates/cm.yaml",
        message: expect.stringContaining("unable to parse YAML"),
      }),
    ]);
  });

  it("render errors: .Release.Time, removed in Helm 3, and a required value", async () => {
    const removed = await judge({ "templates/cm.yaml": CONFIG_MAP.replace("hello", "{{ .Release.Time.Seconds }}") });
    expect(fromHelm(removed.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/lint",
        file: "demo-1.0.0.tgz!demo/templates/cm.yaml",
        line: 6,
        column: 23,
        message: expect.stringContaining("nil pointer"),
      }),
    ]);
    const required = await judge({
      "templates/cm.yaml": CONFIG_MAP.replace("hello", '{{ required "set greeting" .Values.greeting }}'),
    });
    expect(fromHelm(required.diagnostics)).toContainEqual(
      expect.objectContaining({
        ruleId: "helm/template",
        file: "demo-1.0.0.tgz!demo/templates/cm.yaml",
        line: 6,
        message: expect.stringContaining("set greeting"),
      }),
    );
  });

  it("object names: a name Kubernetes refuses", async () => {
    const result = await judge({ "templates/cm.yaml": CONFIG_MAP.replace("name: demo", "name: Bad_Name") });
    expect(fromHelm(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/lint",
        file: "demo-1.0.0.tgz!demo/templates/cm.yaml",
        message: expect.stringContaining("object name does not conform to Kubernetes naming requirements"),
      }),
    ]);
  });

  it("CRDs: a file in crds/ that is not a CustomResourceDefinition", async () => {
    const result = await judge({ "templates/cm.yaml": CONFIG_MAP, "crds/widgets.yaml": CONFIG_MAP });
    expect(fromHelm(result.diagnostics).map((d) => [d.file, d.message.replace(/^.*?: /, "")])).toEqual([
      ["demo-1.0.0.tgz!demo/crds/widgets.yaml", "apiVersion is not in 'apiextensions.k8s.io'"],
      ["demo-1.0.0.tgz!demo/crds/widgets.yaml", "object kind is not 'CustomResourceDefinition'"],
    ]);
  });

  it("values: values.yaml against values.schema.json; Helm's verdict agrees and repeats our finding, so only ours is reported", async () => {
    const schema = JSON.stringify({ type: "object", properties: { replicas: { type: "integer" } } });
    const files = { "templates/cm.yaml": CONFIG_MAP, "values.schema.json": schema, "values.yaml": "replicas: many\n" };
    const result = await judge(files);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "helm/values-schema", file: "demo-1.0.0.tgz!demo/values.yaml", line: 1 }),
    ]);
    const verdict = await verdictOf(files);
    expect(verdict.problems).toContainEqual(
      expect.objectContaining({
        ruleId: "helm/lint",
        path: "demo/values.yaml",
        message: expect.stringContaining("at '/replicas': got string, want integer"),
      }),
    );
  });

  it("Chart.yaml fields: a version that is a number", async () => {
    const files = {
      "Chart.yaml": CHART_YAML.replace("version: 1.0.0", "version: 1.0"),
      "templates/cm.yaml": CONFIG_MAP,
    };
    const verdict = await verdictOf(files);
    expect(verdict.problems).toEqual([
      {
        ruleId: "helm/lint",
        path: "demo/Chart.yaml",
        message: "version should be of type string but it's of type float64",
      },
      { ruleId: "helm/lint", path: "demo/Chart.yaml", message: "version '1' is not a valid SemVerV2" },
    ]);
    // Our own finding at the line covers the same file, so Helm's repeats are left out of the report.
    const result = await judge(files, { version: "1.0.0" });
    expect(result.diagnostics).toContainEqual(
      expect.objectContaining({ severity: "error", file: "demo-1.0.0.tgz!demo/Chart.yaml", line: 3 }),
    );
    expect(fromHelm(result.diagnostics)).toEqual([]);
  });

  it("missing dependencies: declared in Chart.yaml, absent from charts/", async () => {
    const chart = `${CHART_YAML}dependencies:\n  - name: common\n    version: 2.x.x\n    repository: oci://registry-1.docker.io/bitnamicharts\n`;
    const result = await judge({ "Chart.yaml": chart, "templates/cm.yaml": CONFIG_MAP });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "helm/dependency-missing", file: "demo-1.0.0.tgz!demo/Chart.yaml", line: 6 }),
    ]);
    expect((await verdictOf({ "Chart.yaml": chart, "templates/cm.yaml": CONFIG_MAP })).problems).toContainEqual({
      ruleId: "helm/lint",
      path: "demo/Chart.yaml",
      message: "chart directory is missing these dependencies: common",
    });
    const vendored = await judge({
      "Chart.yaml": chart,
      "templates/cm.yaml": CONFIG_MAP,
      "charts/common/Chart.yaml": "apiVersion: v2\nname: common\nversion: 2.31.4\ntype: library\n",
      "charts/common/templates/_names.tpl": '{{- define "common.name" -}}x{{- end -}}\n',
    });
    expect(vendored.diagnostics).toEqual([]);
  });

  it("library type: refused as an installable version, as helm template refuses it", async () => {
    const files = {
      "Chart.yaml": `${CHART_YAML}type: library\n`,
      "templates/_helpers.tpl": '{{- define "demo.name" -}}demo{{- end -}}\n',
    };
    const result = await judge(files);
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "helm/library-chart",
        file: "demo-1.0.0.tgz!demo/Chart.yaml",
        line: 5,
        hint: expect.stringContaining("application chart"),
      }),
    ]);
    expect((await verdictOf(files)).problems).toEqual([
      { ruleId: "helm/template", path: "demo/Chart.yaml", message: "library charts are not installable" },
    ]);
  });

  it("renders for the lower bound of compatibility.kubernetes and reports the flags reviewers care about", async () => {
    const daemon = [
      "apiVersion: apps/v1",
      "kind: DaemonSet",
      "metadata:\n  name: agent",
      "spec:\n  selector:\n    matchLabels: {app: agent}\n  template:\n    metadata:\n      labels: {app: agent}\n    spec:\n      hostNetwork: true\n      hostPID: true",
      "      containers:\n        - name: agent\n          image: ghcr.io/example/agent@sha256:" +
        "b".repeat(64) +
        "\n          securityContext:\n            privileged: true",
      "      volumes:\n        - name: sock\n          hostPath:\n            path: /var/run/docker.sock\n        - name: logs\n          hostPath:\n            path: /var/log",
    ].join("\n");
    const rbac =
      "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: agent\nrules:\n  - apiGroups: ['*']\n    resources: ['*']\n    verbs: ['*']\n";
    const result = await judge(
      { "templates/daemonset.yaml": `${daemon}\n`, "templates/rbac.yaml": rbac },
      { compatibility: { kubernetes: ">=1.28.0-0" } },
    );
    expect(result.diagnostics).toEqual([]);
    const render = (result.metadata as { helm: HelmMetadata }).helm.render;
    expect(render).toMatchObject({
      kubeVersion: "v1.28.0",
      images: [{ name: "ghcr.io/example/agent", digest: `sha256:${"b".repeat(64)}` }],
    });
    expect(render?.flags).toEqual([
      { flag: "cluster-rbac", object: "ClusterRole/agent", detail: "1 rule(s), with wildcards" },
      { flag: "host-network", object: "DaemonSet/agent" },
      { flag: "host-pid", object: "DaemonSet/agent" },
      { flag: "docker-sock", object: "DaemonSet/agent", detail: "/var/run/docker.sock" },
      { flag: "host-path", object: "DaemonSet/agent", detail: "/var/log" },
      { flag: "privileged", object: "DaemonSet/agent", detail: "agent" },
    ]);
  });
});
