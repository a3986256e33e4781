import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { VersionManifest } from "../../../manifest/types.ts";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import { inspectHelm } from "./inspect-helm.ts";
import {
  anInspectInput,
  corpusPath,
  edit,
  inputFromRepo,
  lineOf,
  packTarGz,
  unpackCorpus,
} from "../../../../test/inspect/helm-fixtures.ts";

const WORDPRESS = "helm/packaged/wordpress-27.0.0.tgz";
const EMQX = "helm/packages/emqx-5.8.5.tgz";
const WORDPRESS_VERSION = { version: "27.0.0", appVersion: "6.8.2" };
const EMQX_VERSION = { version: "5.8.5", appVersion: "5.8.5" };

/** Inspects a re-packed copy of a corpus chart after `change` altered its files. */
async function inspectChanged(
  corpus: string,
  appId: string,
  version: Partial<VersionManifest>,
  change: (files: Map<string, Buffer>) => void,
) {
  const files = await unpackCorpus(corpus);
  change(files);
  return inspectHelm(
    anInspectInput({ bytes: packTarGz(files), label: `${appId}.tgz`, appId, delivery: "helm", version }),
  );
}

const errorsOf = (diagnostics: Diagnostic[]) => diagnostics.filter((d) => d.severity === "error");
const text = (relative: string) => readFileSync(corpusPath(relative), "utf8");
/** Our own findings: without what real Helm said (its verdicts are tested in helm-verdicts.test.ts). */
const ownOf = (diagnostics: Diagnostic[]) =>
  diagnostics.filter((d) => d.ruleId !== "helm/lint" && d.ruleId !== "helm/template");
/** Text of a file inside the packaged wordpress chart (helm package rewrote its Chart.yaml). */
const packagedChart = async () => (await unpackCorpus(WORDPRESS)).get("wordpress/Chart.yaml")?.toString("utf8") ?? "";

describe("inspectHelm on the real charts", () => {
  it.each([
    ["apps/wordpress/versions/helm/27.0.0.yaml", WORDPRESS],
    ["apps/mysql/versions/helm/14.0.5.yaml", "helm/packaged/mysql-14.0.5.tgz"],
    ["apps/redis/versions/helm/23.1.1.yaml", "helm/packaged/redis-23.1.1.tgz"],
    ["apps/emqx/versions/helm/5.8.5.yaml", EMQX],
  ])("accepts %s with no diagnostic", async (manifest, archive) => {
    const result = await inspectHelm(
      inputFromRepo(manifest, readFileSync(corpusPath(archive)), archive.split("/").pop() ?? ""),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.metadata).toHaveProperty("helm.chart", manifest.split("/")[1]);
  });

  it("Helm refuses the re-packed Harbor chart, whose unmodified Chart.yaml still has the Helm 2 field engine", async () => {
    const result = await inspectHelm(
      inputFromRepo(
        "apps/harbor/versions/helm/1.19.1.yaml",
        readFileSync(corpusPath("helm/packages/harbor-1.19.1.tgz")),
        "harbor-1.19.1.tgz",
      ),
    );
    expect(errorsOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/lint",
        file: "harbor-1.19.1.tgz!harbor/Chart.yaml",
        message: expect.stringContaining('unknown field "engine"'),
      }),
    ]);
    expect(result.metadata).toBeUndefined();
  });

  it.each(["helm/published/harbor-1.19.1.tgz"])(
    "accepts the apiVersion v1 chart %s with one warning",
    async (archive) => {
      const result = await inspectHelm(
        inputFromRepo("apps/harbor/versions/helm/1.19.1.yaml", readFileSync(corpusPath(archive)), "harbor-1.19.1.tgz"),
      );
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          ruleId: "helm/api-version-v1",
          severity: "warning",
          file: "harbor-1.19.1.tgz!harbor/Chart.yaml",
          line: 1,
        }),
      ]);
      expect(result.metadata).toMatchObject({
        helm: {
          chart: "harbor",
          apiVersion: "v1",
          type: "application",
          appVersion: "2.15.1",
          keywords: ["docker", "registry", "harbor"],
        },
      });
      expect((result.metadata as { helm: { maintainers: unknown[] } }).helm.maintainers).toHaveLength(3);
    },
  );

  it("extracts the wordpress chart's metadata: dependencies, keywords, maintainers, annotations", async () => {
    const result = await inspectHelm(
      inputFromRepo(
        "apps/wordpress/versions/helm/27.0.0.yaml",
        readFileSync(corpusPath(WORDPRESS)),
        "wordpress-27.0.0.tgz",
      ),
    );
    const helm = (result.metadata as unknown as { helm: Record<string, unknown> }).helm;
    expect(helm.dependencies).toEqual([
      {
        name: "memcached",
        version: "7.x.x",
        repository: "oci://registry-1.docker.io/bitnamicharts",
        condition: "memcached.enabled",
      },
      {
        name: "mariadb",
        version: "22.x.x",
        repository: "oci://registry-1.docker.io/bitnamicharts",
        condition: "mariadb.enabled",
      },
      { name: "common", version: "2.x.x", repository: "oci://registry-1.docker.io/bitnamicharts" },
    ]);
    expect(helm).toMatchObject({
      chart: "wordpress",
      apiVersion: "v2",
      type: "application",
      appVersion: "6.8.2",
      keywords: ["application", "blog", "cms", "http", "php", "web", "wordpress"],
      home: "https://bitnami.com",
      sources: ["https://github.com/bitnami/charts/tree/main/bitnami/wordpress"],
      maintainers: [{ name: "Broadcom, Inc. All Rights Reserved.", url: "https://github.com/bitnami/charts" }],
      annotations: { licenses: "Apache-2.0", tanzuCategory: "application" },
    });
    expect(Object.values(helm)).not.toContain(undefined);
  });
});

describe("inspectHelm rejects broken charts", () => {
  it("helm/top-folder: the chart folder is not named after the chart", async () => {
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) => {
      for (const [name, data] of [...files]) {
        files.delete(name);
        files.set(name.replace(/^emqx\//, "emqx-chart/"), data);
      }
    });
    expect(ownOf(errorsOf(result.diagnostics))).toEqual([
      expect.objectContaining({
        ruleId: "helm/top-folder",
        file: "emqx.tgz!emqx-chart/Chart.yaml",
        line: lineOf(text("helm/charts/emqx/Chart.yaml"), "name: emqx"),
      }),
    ]);
    expect(result.metadata).toBeUndefined();
  });

  it("helm/top-folder: files beside the chart folder", async () => {
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) =>
      files.set("README.md", Buffer.from("stray")),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "helm/top-folder", file: "emqx.tgz" }),
    ]);
  });

  it("helm/chart-yaml-missing: no Chart.yaml", async () => {
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) => files.delete("emqx/Chart.yaml"));
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "helm/chart-yaml-missing", file: "emqx.tgz!emqx/Chart.yaml" }),
    ]);
  });

  it("helm/chart-name-mismatch: the chart is not the app and the manifest does not declare it", async () => {
    const files = await unpackCorpus(EMQX);
    const input = anInspectInput({
      bytes: packTarGz(files),
      label: "emqx.tgz",
      appId: "mqtt",
      delivery: "helm",
      version: EMQX_VERSION,
    });
    const result = await inspectHelm(input);
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/chart-name-mismatch",
        file: "apps/mqtt/versions/helm/5.8.5.yaml",
        line: input.manifest.locate(["version"]).line,
        hint: "if that is the right chart, declare it: chart: emqx",
      }),
    ]);
    const declared = anInspectInput({
      bytes: packTarGz(files),
      label: "emqx.tgz",
      appId: "mqtt",
      delivery: "helm",
      version: { ...EMQX_VERSION, chart: "emqx" },
    });
    expect((await inspectHelm(declared)).diagnostics).toEqual([]);
    const wrong = anInspectInput({
      bytes: packTarGz(files),
      label: "emqx.tgz",
      appId: "emqx",
      delivery: "helm",
      version: { ...EMQX_VERSION, chart: "emqx-operator" },
    });
    expect((await inspectHelm(wrong)).diagnostics).toEqual([
      expect.objectContaining({ ruleId: "helm/chart-name-mismatch", line: wrong.manifest.locate(["chart"]).line }),
    ]);
  });

  it("helm/version-mismatch and helm/app-version-mismatch: Chart.yaml disagrees with the manifest", async () => {
    const files = await unpackCorpus(WORDPRESS);
    const input = anInspectInput({
      bytes: packTarGz(files),
      label: "wordpress.tgz",
      appId: "wordpress",
      delivery: "helm",
      version: { version: "27.0.1", appVersion: "6.8.3" },
    });
    const result = await inspectHelm(input);
    expect(ownOf(result.diagnostics).map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ["helm/version-mismatch", "apps/wordpress/versions/helm/27.0.1.yaml", input.manifest.locate(["version"]).line],
      [
        "helm/app-version-mismatch",
        "apps/wordpress/versions/helm/27.0.1.yaml",
        input.manifest.locate(["appVersion"]).line,
      ],
    ]);
    expect(result.diagnostics[0]?.message).toBe(
      `the manifest is version 27.0.1, but wordpress.tgz!wordpress/Chart.yaml (line ${lineOf(await packagedChart(), "version: 27.0.0")}) says version 27.0.0`,
    );
  });

  it("helm/values-schema-invalid: values.schema.json is not a valid JSON Schema", async () => {
    const result = await inspectChanged(WORDPRESS, "wordpress", WORDPRESS_VERSION, (files) =>
      edit(
        files,
        "wordpress/values.schema.json",
        '"type": "string",\n      "title": "Username"',
        '"type": "strnig",\n      "title": "Username"',
      ),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/values-schema-invalid",
        file: "wordpress.tgz!wordpress/values.schema.json",
        line: lineOf(text("helm/charts/wordpress/values.schema.json"), '"wordpressUsername"') + 1,
      }),
    ]);
    expect(result.diagnostics[0]?.message).toContain("properties.wordpressUsername.type");
  });

  it("helm/values-schema-json: values.schema.json is not JSON", async () => {
    const result = await inspectChanged(WORDPRESS, "wordpress", WORDPRESS_VERSION, (files) =>
      edit(
        files,
        "wordpress/values.schema.json",
        '"form": true\n    },\n    "wordpressPassword"',
        '"form": true\n    }\n    "wordpressPassword"',
      ),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/values-schema-json",
        file: "wordpress.tgz!wordpress/values.schema.json",
        line: 10,
      }),
    ]);
  });

  it("helm/values-schema: values.yaml violates values.schema.json, pointing at the values.yaml line", async () => {
    const result = await inspectChanged(WORDPRESS, "wordpress", WORDPRESS_VERSION, (files) =>
      edit(files, "wordpress/values.yaml", "wordpressUsername: user\n", "wordpressUsername: [user]\n"),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/values-schema",
        file: "wordpress.tgz!wordpress/values.yaml",
        line: lineOf(text("helm/charts/wordpress/values.yaml"), "wordpressUsername: user"),
        message: "wordpressUsername must be a string, not a list",
      }),
    ]);
  });

  it("helm/values-schema: picks the ajv build from $schema (2020-12 prefixItems is enforced)", async () => {
    const schema = {
      $schema: "https://json-schema.org/draft/2020-12/schema",
      type: "object",
      properties: { ports: { type: "array", prefixItems: [{ type: "integer" }] } },
    };
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) => {
      files.set("emqx/values.schema.json", Buffer.from(JSON.stringify(schema, null, 2)));
      files.set("emqx/values.yaml", Buffer.from("ports:\n  - http\n"));
    });
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/values-schema",
        file: "emqx.tgz!emqx/values.yaml",
        line: 2,
        message: 'ports.0 must be an integer, not the string "http"',
      }),
    ]);
  });

  it("helm/values-yaml: values.yaml is not YAML", async () => {
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) =>
      files.set("emqx/values.yaml", Buffer.from("replicaCount: 3\nreplicaCount: 4\n")),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "helm/values-yaml", file: "emqx.tgz!emqx/values.yaml", line: 2 }),
    ]);
  });

  it("helm/no-templates: an application chart without templates", async () => {
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) => {
      for (const name of [...files.keys()]) if (name.startsWith("emqx/templates/")) files.delete(name);
    });
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "helm/no-templates", file: "emqx.tgz!emqx/templates/" }),
    ]);
    const library = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) => {
      for (const name of [...files.keys()]) if (name.startsWith("emqx/templates/")) files.delete(name);
      edit(files, "emqx/Chart.yaml", "type: application", "type: library");
    });
    expect(ownOf(library.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "helm/library-chart", file: "emqx.tgz!emqx/Chart.yaml", line: 13 }),
    ]);
  });

  it("helm/kube-version: kubeVersion is not a range", async () => {
    const result = await inspectChanged(EMQX, "emqx", EMQX_VERSION, (files) =>
      edit(files, "emqx/Chart.yaml", "apiVersion: v2\n", 'apiVersion: v2\nkubeVersion: ">= one.twenty"\n'),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "helm/kube-version", file: "emqx.tgz!emqx/Chart.yaml", line: 2 }),
    ]);
  });

  it("helm/kube-version-compatibility: warns when the manifest promises Kubernetes versions kubeVersion refuses", async () => {
    const withKube = (files: Map<string, Buffer>) =>
      edit(files, "emqx/Chart.yaml", "apiVersion: v2\n", 'apiVersion: v2\nkubeVersion: ">=1.23.0-0, <1.35.0-0"\n');
    const wider = await inspectChanged(
      EMQX,
      "emqx",
      { ...EMQX_VERSION, compatibility: { kubernetes: ">=1.20.0" } },
      withKube,
    );
    expect(ownOf(wider.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/kube-version-compatibility",
        severity: "warning",
        file: "apps/emqx/versions/helm/5.8.5.yaml",
      }),
    ]);
    const within = await inspectChanged(
      EMQX,
      "emqx",
      { ...EMQX_VERSION, compatibility: { kubernetes: ">=1.24.0 <1.34.0" } },
      withKube,
    );
    expect(within.diagnostics).toEqual([]);
    expect(within.metadata).toMatchObject({
      helm: { kubeVersion: ">=1.23.0-0, <1.35.0-0", render: { kubeVersion: "v1.24.0" } },
    });
    // Rendered for the lowest Kubernetes the manifest promises, the chart is refused by Helm itself.
    expect(wider.diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "helm/template",
        file: "emqx.tgz!emqx/Chart.yaml",
        message: expect.stringContaining("incompatible with Kubernetes v1.20.0"),
      }),
    );
  });

  it("helm/dependency and helm/dependency-duplicate: malformed dependencies", async () => {
    const result = await inspectChanged(WORDPRESS, "wordpress", WORDPRESS_VERSION, (files) => {
      edit(files, "wordpress/Chart.yaml", "version: 7.x.x", "version: seven");
      edit(
        files,
        "wordpress/Chart.yaml",
        "  name: mariadb\n  repository: oci://registry-1.docker.io/bitnamicharts",
        "  name: memcached\n  repository: ftp://charts.example.org",
      );
    });
    const chart = await packagedChart();
    expect(ownOf(result.diagnostics).map((d) => [d.ruleId, d.file, d.line])).toEqual([
      ["helm/dependency", "wordpress.tgz!wordpress/Chart.yaml", lineOf(chart, "version: 7.x.x")],
      [
        "helm/dependency",
        "wordpress.tgz!wordpress/Chart.yaml",
        lineOf(chart, "  repository: oci://registry-1.docker.io/bitnamicharts\n  version: 22"),
      ],
      ["helm/dependency-duplicate", "wordpress.tgz!wordpress/Chart.yaml", lineOf(chart, "name: mariadb")],
    ]);
  });

  it("helm/dependency: a v1 chart's requirements.yaml is checked too", async () => {
    const result = await inspectChanged(
      "helm/packages/harbor-1.19.1.tgz",
      "harbor",
      { version: "1.19.1", appVersion: "2.15.1" },
      (files) =>
        files.set(
          "harbor/requirements.yaml",
          Buffer.from(
            "dependencies:\n  - name: redis\n    version: 23.x.x\n    repository: https://charts.example.org\n    alias: redis cache\n",
          ),
        ),
    );
    expect(ownOf(errorsOf(result.diagnostics))).toEqual([
      expect.objectContaining({ ruleId: "helm/dependency", file: "harbor.tgz!harbor/requirements.yaml", line: 5 }),
      expect.objectContaining({
        ruleId: "helm/dependency-missing",
        file: "harbor.tgz!harbor/requirements.yaml",
        line: 2,
      }),
    ]);
  });

  it.each([
    ["helm/api-version", "apiVersion: v2", "apiVersion: v3"],
    ["helm/type", "type: application", "type: plugin"],
    ["helm/chart-yaml", "appVersion: 5.8.5", "appVersion: 5.8"],
  ])("%s: a bad Chart.yaml field", async (ruleId, from, to) => {
    const result = await inspectChanged(EMQX, "emqx", { version: "5.8.5" }, (files) =>
      edit(files, "emqx/Chart.yaml", from, to),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId,
        file: "emqx.tgz!emqx/Chart.yaml",
        line: lineOf(text("helm/charts/emqx/Chart.yaml"), from),
      }),
    ]);
  });

  it("helm/version: the chart version is not a semantic version", async () => {
    const result = await inspectChanged(EMQX, "emqx", { version: "5.8" }, (files) =>
      edit(files, "emqx/Chart.yaml", "version: 5.8.5", 'version: "5.8"'),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({
        ruleId: "helm/version",
        file: "emqx.tgz!emqx/Chart.yaml",
        line: lineOf(text("helm/charts/emqx/Chart.yaml"), "version: 5.8.5"),
      }),
    ]);
  });

  it("archive/format: not a gzip-compressed tar", async () => {
    const result = await inspectHelm(
      anInspectInput({ bytes: Buffer.from("apiVersion: v2\n"), label: "emqx.tgz", appId: "emqx", delivery: "helm" }),
    );
    expect(ownOf(result.diagnostics)).toEqual([
      expect.objectContaining({ ruleId: "archive/format", file: "emqx.tgz" }),
    ]);
  });
});
