import { describe, expect, it } from "vitest";
import type { VersionManifest } from "../../../manifest/types.ts";
import { anInspectInput, edit, lineOf, packTarGz } from "../../../../test/inspect/helm-fixtures.ts";
import { inspectVm } from "./inspect-vm.ts";
import {
  CLUSTER_JSON_TMPL,
  CONFIG_JSON,
  PACKAGE_JSON,
  specExampleFiles,
} from "../../../../test/inspect/vm-spec-example-package.ts";

const LABEL = "kafka-0.2.7.tgz";

/** Inspects the spec's example package after `change` altered its files. */
function inspectPackage(
  change: (files: Map<string, Buffer>) => void = () => {},
  version: Partial<VersionManifest> = { version: "0.2.7" },
) {
  const files = specExampleFiles();
  change(files);
  const input = anInspectInput({ bytes: packTarGz(files), label: LABEL, appId: "kafka", delivery: "vm", version });
  return inspectVm(input).then((result) => ({ ...result, input }));
}

/** Line of the `nth` (0-based) occurrence of `needle`. */
function nthLineOf(text: string, needle: string, nth: number): number {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`text does not contain ${needle} ${nth + 1} times`);
  return text.slice(0, index).split("\n").length;
}

describe("inspectVm on the spec's example package", () => {
  it("accepts it and extracts name, version, description, parameters and template", async () => {
    const result = await inspectPackage();
    expect(result.diagnostics).toEqual([]);
    expect(result.metadata).toEqual({
      vm: {
        name: "kafka",
        version: "0.2.7",
        description: "Apache Kafka is publish-subscribe messaging rethought as a distributed commit log.",
        template: "cluster.json.tmpl",
        parameters: [
          "cluster.name",
          "cluster.description",
          "cluster.vxnet",
          "cluster.role_name.cpu",
          "cluster.role_name.memory",
          "cluster.role_name.count",
          "cluster.role_name.volume_size",
          "env.common.param",
          "env.role_name.param",
          "service_params.common.param",
          "service_params.role_name.param",
        ],
      },
    });
  });

  it("accepts the developer guide's cluster.json.mustache, and op's api_version and app_version spellings", async () => {
    const result = await inspectPackage(
      (files) => {
        files.set("kafka/cluster.json.mustache", files.get("kafka/cluster.json.tmpl") ?? Buffer.alloc(0));
        files.delete("kafka/cluster.json.tmpl");
        edit(files, "kafka/package.json", '"apiVersion": "v1",', '"api_version": "v1",\n  "app_version": "3.9.0",');
      },
      { version: "0.2.7", appVersion: "3.9.0" },
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.metadata).toMatchObject({ vm: { template: "cluster.json.mustache", appVersion: "3.9.0" } });
  });
});

describe("inspectVm rejects broken packages", () => {
  it("vm/missing-file: no config.json", async () => {
    const result = await inspectPackage((files) => files.delete("kafka/config.json"));
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/missing-file", file: `${LABEL}!kafka/config.json` }),
    ]);
    expect(result.metadata).toBeUndefined();
  });

  it("vm/missing-file: no cluster template; vm/template-ambiguous: both template names", async () => {
    const none = await inspectPackage((files) => files.delete("kafka/cluster.json.tmpl"));
    expect(none.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/missing-file", file: `${LABEL}!kafka/cluster.json.tmpl` }),
    ]);
    const both = await inspectPackage((files) =>
      files.set("kafka/cluster.json.mustache", Buffer.from(CLUSTER_JSON_TMPL)),
    );
    expect(both.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/template-ambiguous", file: `${LABEL}!kafka/cluster.json.mustache` }),
    ]);
  });

  it("vm/template-unknown-parameter: the template names a parameter config.json lacks, at its line", async () => {
    const result = await inspectPackage((files) =>
      edit(files, "kafka/cluster.json.tmpl", "{{.cluster.role_name.memory}}", "{{.cluster.role_name.mem}}"),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/template-unknown-parameter",
        file: `${LABEL}!kafka/cluster.json.tmpl`,
        line: lineOf(CLUSTER_JSON_TMPL, "{{.cluster.role_name.memory}}"),
        column: 20,
      }),
    ]);
  });

  it("vm/version-mismatch: package.json is another version than the manifest", async () => {
    const result = await inspectPackage(undefined, { version: "0.2.8" });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/version-mismatch",
        file: "apps/kafka/versions/vm/0.2.8.yaml",
        line: result.input.manifest.locate(["version"]).line,
      }),
    ]);
    const app = await inspectPackage(
      (files) =>
        edit(files, "kafka/package.json", '"apiVersion": "v1",', '"apiVersion": "v1",\n  "app_version": "3.8.0",'),
      { version: "0.2.7", appVersion: "3.9.0" },
    );
    expect(app.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/app-version-mismatch",
        line: app.input.manifest.locate(["appVersion"]).line,
      }),
    ]);
  });

  it("vm/json: package.json is not JSON, with the line", async () => {
    const result = await inspectPackage((files) =>
      edit(files, "kafka/package.json", '"version": "0.2.7",', '"version": "0.2.7"'),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/json",
        file: `${LABEL}!kafka/package.json`,
        line: lineOf(PACKAGE_JSON, '"description"'),
      }),
    ]);
  });

  it("vm/package-json and vm/api-version: required package.json fields are missing", async () => {
    const result = await inspectPackage((files) =>
      edit(
        files,
        "kafka/package.json",
        '"apiVersion": "v1",\n  "name": "kafka",\n  "version": "0.2.7",\n',
        '"name": "kafka",\n',
      ),
    );
    expect(result.diagnostics.map((d) => [d.ruleId, d.file, d.message])).toEqual([
      ["vm/package-json", `${LABEL}!kafka/package.json`, "the document is missing the required property 'version'"],
    ]);
    const noApi = await inspectPackage((files) => edit(files, "kafka/package.json", '"apiVersion": "v1",\n', ""));
    expect(noApi.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/api-version", file: `${LABEL}!kafka/package.json`, line: 1 }),
    ]);
    const v2 = await inspectPackage((files) =>
      edit(files, "kafka/package.json", '"apiVersion": "v1"', '"apiVersion": "v2"'),
    );
    expect(v2.diagnostics).toEqual([expect.objectContaining({ ruleId: "vm/api-version", line: 2 })]);
  });

  it("vm/version: package.json version is not SemVer 2", async () => {
    const result = await inspectPackage(
      (files) => edit(files, "kafka/package.json", '"version": "0.2.7"', '"version": "0.2"'),
      { version: "0.2" },
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/version", line: lineOf(PACKAGE_JSON, '"version"') }),
    ]);
  });

  it("vm/top-folder: files at the archive root, or a folder not named after the package", async () => {
    const root = await inspectPackage((files) => {
      for (const [name, data] of [...files]) {
        files.delete(name);
        files.set(name.replace(/^kafka\//, ""), data);
      }
    });
    expect(root.diagnostics).toEqual([expect.objectContaining({ ruleId: "vm/top-folder", file: LABEL })]);
    const renamed = await inspectPackage((files) =>
      edit(files, "kafka/package.json", '"name": "kafka"', '"name": "kafka-cluster"'),
    );
    expect(renamed.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/top-folder", file: `${LABEL}!kafka/package.json`, line: 3 }),
    ]);
  });

  it.each([
    ["vm/config-default", '"default": 1,', '"default": "1",', '"key": "cpu"', 0],
    ["vm/config-range", '"default": 2048,', '"default": 4096,', '"key": "memory"', 0],
    ["vm/config-min-max", '"default": 3,', '"default": 0,', '"key": "count"', 0],
    ["vm/config-pattern", '"pattern": "^value.+",', '"pattern": "^val(ue.+",', '"key": "param"', 1],
  ])(
    "%s: a config.json parameter whose default, range or limits disagree, at the item's line",
    async (ruleId, from, to, key, nth) => {
      const result = await inspectPackage((files) => edit(files, "kafka/config.json", from, to));
      expect(result.diagnostics).toEqual([
        expect.objectContaining({
          ruleId,
          file: `${LABEL}!kafka/config.json`,
          line: nthLineOf(CONFIG_JSON, key, nth) - 1,
        }),
      ]);
    },
  );

  it("vm/config-default: a multichoice default outside the range, and a parameter without default", async () => {
    const multi = await inspectPackage((files) =>
      edit(files, "kafka/config.json", '"default": "value1,value11",', '"default": "value1,value2",'),
    );
    expect(multi.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/config-range",
        message: 'env.common.param: default "value2" is not in range ["value1","value11","value111"]',
      }),
    ]);
    const missing = await inspectPackage((files) => edit(files, "kafka/config.json", '"default": 10,\n', ""));
    expect(missing.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/config-default",
        line: nthLineOf(CONFIG_JSON, '"key": "volume_size"', 0) - 1,
      }),
    ]);
  });

  it("vm/config-json: a parameter without type, at its line", async () => {
    const result = await inspectPackage((files) =>
      edit(files, "kafka/config.json", '"type": "integer",\n                "default": 2048,', '"default": 2048,'),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/config-json",
        line: nthLineOf(CONFIG_JSON, '"key": "memory"', 0) - 1,
        message: expect.stringContaining("missing the required property 'type'"),
      }),
    ]);
  });

  it("vm/config-duplicate-key and vm/config-reserved", async () => {
    const duplicate = await inspectPackage((files) =>
      edit(files, "kafka/config.json", '"key": "memory"', '"key": "cpu"'),
    );
    expect(duplicate.diagnostics.map((d) => [d.ruleId, d.line])).toContainEqual([
      "vm/config-duplicate-key",
      lineOf(CONFIG_JSON, '"key": "memory"'),
    ]);
    const reserved = await inspectPackage((files) => {
      edit(files, "kafka/config.json", '"key": "vxnet"', '"key": "network"');
      edit(files, "kafka/cluster.json.tmpl", '"vxnet": "{{.cluster.vxnet}}",\n', "");
    });
    expect(reserved.diagnostics).toEqual([
      expect.objectContaining({
        ruleId: "vm/config-reserved",
        message: "the cluster group lacks the reserved item vxnet",
      }),
    ]);
  });

  it("vm/template-json: the template is not JSON once the defaults are filled in", async () => {
    const result = await inspectPackage((files) =>
      edit(files, "kafka/cluster.json.tmpl", '"vxnet": "{{.cluster.vxnet}}",', '"vxnet": "{{.cluster.vxnet}}"'),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/template-json", line: lineOf(CLUSTER_JSON_TMPL, '"nodes"') }),
    ]);
  });

  it("vm/template-role and vm/template-nodes: the rendered cluster lacks what the spec requires", async () => {
    const role = await inspectPackage((files) =>
      edit(files, "kafka/cluster.json.tmpl", '"role": "role_name"', '"role": "broker"'),
    );
    expect(role.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/template-role", line: lineOf(CLUSTER_JSON_TMPL, '"role"') }),
    ]);
    const image = await inspectPackage((files) =>
      edit(files, "kafka/cluster.json.tmpl", '"image": "gcr.io/google_samples/k8szk:v2"', '"tag": "v2"'),
    );
    expect(image.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/template-nodes", line: lineOf(CLUSTER_JSON_TMPL, '"container"') }),
    ]);
  });

  it("vm/template-unchecked: other template actions are reported, not evaluated", async () => {
    const result = await inspectPackage((files) =>
      edit(
        files,
        "kafka/cluster.json.tmpl",
        '"passphraseless": "ssh-dsa",',
        '{{if .cluster.name}}"passphraseless": "ssh-dsa",{{end}}',
      ),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/template-unchecked", severity: "warning" }),
    ]);
  });

  it("vm/locale: a locale file that is not texts by text", async () => {
    const result = await inspectPackage((files) =>
      files.set("kafka/locale/en.json", Buffer.from('{\n  "CPU": ["CPU"]\n}\n')),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "vm/locale", file: `${LABEL}!kafka/locale/en.json`, line: 2 }),
    ]);
  });

  it("archive/format: not an archive", async () => {
    const result = await inspectVm(
      anInspectInput({
        bytes: Buffer.from(PACKAGE_JSON),
        label: LABEL,
        appId: "kafka",
        delivery: "vm",
        version: { version: "0.2.7" },
      }),
    );
    expect(result.diagnostics).toEqual([expect.objectContaining({ ruleId: "archive/format" })]);
  });
});
