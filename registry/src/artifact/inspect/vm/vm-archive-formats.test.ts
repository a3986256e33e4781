import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { tarOf } from "../../../../test/hostile/hostile-archives.ts";
import { bunzip2Capped } from "../../archive/read-tar.ts";
import { anInspectInput } from "../../../../test/inspect/helm-fixtures.ts";
import { inspectVm } from "./inspect-vm.ts";
import { specExampleFiles } from "../../../../test/inspect/vm-spec-example-package.ts";

/**
 * The OpenPitrix developer guide accepts TAR, TAR.GZ, TAR.BZ and ZIP packages (its
 * WordPress sample is a .tar): the spec's example package as a plain tar and as a
 * bzip2-compressed tar (made by the real `bzip2`), with the same entry checks.
 */

const tarOfFiles = (files: Map<string, Buffer>) => tarOf([...files].map(([path, data]) => ({ path, data })));
const bzip2 = (bytes: Buffer) => execFileSync("bzip2", ["-c", "-9"], { input: bytes, maxBuffer: 64 * 1024 * 1024 });
const inspect = (bytes: Buffer, label: string) =>
  inspectVm(anInspectInput({ bytes, label, appId: "kafka", delivery: "vm", version: { version: "0.2.7" } }));

describe("OpenPitrix package formats", () => {
  it.each([
    ["kafka-0.2.7.tar", (files: Map<string, Buffer>) => tarOfFiles(files)],
    ["kafka-0.2.7.tar.bz2", (files: Map<string, Buffer>) => bzip2(tarOfFiles(files))],
  ])("accepts %s with the same metadata as the tar.gz", async (label, pack) => {
    const result = await inspect(pack(specExampleFiles()), label);
    expect(result.diagnostics).toEqual([]);
    expect(result.metadata).toMatchObject({ vm: { name: "kafka", version: "0.2.7", template: "cluster.json.tmpl" } });
  });

  it("applies the same entry checks: a path escaping the package, a symlink", async () => {
    const escaping = bzip2(
      tarOf([
        { path: "kafka/package.json", data: "{}" },
        { path: "../evil", data: "x" },
      ]),
    );
    expect((await inspect(escaping, "kafka.tar.bz2")).diagnostics).toEqual([
      expect.objectContaining({ ruleId: "archive/unsafe-path", file: "kafka.tar.bz2!../evil" }),
    ]);
    const linked = tarOf([{ path: "kafka/package.json", type: "SymbolicLink", linkpath: "/etc/passwd" }]);
    expect((await inspect(linked, "kafka.tar")).diagnostics).toEqual([
      expect.objectContaining({ ruleId: "archive/link" }),
    ]);
  });

  it("refuses a bzip2 bomb at the cap, and corrupt bzip2 data", async () => {
    const bomb = bzip2(Buffer.alloc(8 * 1024 * 1024));
    await expect(bunzip2Capped(bomb, 1024 * 1024)).rejects.toMatchObject({ ruleId: "archive/too-large" });
    const corrupt = Buffer.concat([Buffer.from("BZh9"), Buffer.alloc(600, 7)]);
    expect((await inspect(corrupt, "kafka.tar.bz2")).diagnostics).toEqual([
      expect.objectContaining({ ruleId: "archive/corrupt", file: "kafka.tar.bz2" }),
    ]);
  });

  it("Helm charts stay tar.gz only", async () => {
    const { inspectHelm } = await import("../helm/inspect-helm.ts");
    const result = await inspectHelm(
      anInspectInput({
        bytes: tarOf([{ path: "demo/Chart.yaml", data: "apiVersion: v2\nname: demo\nversion: 1.0.0\n" }]),
        label: "demo.tar",
        appId: "demo",
        delivery: "helm",
      }),
    );
    expect(result.diagnostics).toEqual([
      expect.objectContaining({ ruleId: "archive/format", message: "demo.tar is a tar archive; expected tar.gz" }),
    ]);
  });
});
