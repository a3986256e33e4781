import { createHash } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import * as tar from "tar";
import { describe, expect, it } from "vitest";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import { scanBaseNames } from "../../src/check-pr/scan-base-names.ts";
import { aPrRepo } from "../pr/pr-repo.ts";
import { tempDir } from "../temp-registry.ts";

// The name a Helm client resolves is the archive's Chart.yaml name (nativeNamesOf: inspected
// name, else `chart`, else the app id). An app on the base branch whose chart archive says
// another name than its manifest declares holds the archive's name too.

/** A chart archive as `helm package` writes it: one top folder holding Chart.yaml named `name`. */
async function chartArchive(name: string, version: string): Promise<Buffer> {
  const dir = await tempDir();
  await mkdir(path.join(dir, name, "templates"), { recursive: true });
  await writeFile(
    path.join(dir, name, "Chart.yaml"),
    `apiVersion: v2\nname: ${name}\nversion: ${version}\ntype: application\n`,
  );
  await writeFile(path.join(dir, name, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\n");
  const out = path.join(dir, "chart.tgz");
  await tar.c({ gzip: true, cwd: dir, file: out, portable: true }, [name]);
  return readFile(out);
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");
const TAIL = `status: released\nreleased: "2026-01-02"\n`;

describe("check-pr: the base side holds the inspected chart name", () => {
  it("an app whose Chart.yaml name differs from its declared chart holds the Chart.yaml name (in-repo and mirrored archives)", async () => {
    const inRepo = await chartArchive("shared-chart", "1.0.0");
    const mirrored = await chartArchive("mirrored-chart", "1.0.0");
    const mirror = await tempDir();
    await writeFile(path.join(mirror, "mirrored-chart-1.0.0.tgz"), mirrored);
    const r = await aPrRepo(["emqx"], async (base) => {
      for (const id of ["shipper", "remote"]) {
        await base.write(
          `apps/${id}/app.yaml`,
          (await base.read("apps/emqx/app.yaml")).replace("id: emqx", `id: ${id}`),
        );
        await base.write(`apps/${id}/icon.svg`, await base.read("apps/emqx/icon.svg"));
      }
      await base.write("apps/shipper/chart.tgz", inRepo);
      await base.write(
        "apps/shipper/versions/helm/1.0.0.yaml",
        `version: "1.0.0"\ndelivery: helm\nchart: shipper-chart\nartifact:\n  path: chart.tgz\n  sha256: ${sha256(inRepo)}\n  size: ${inRepo.length}\n${TAIL}`,
      );
      await base.write(
        "apps/remote/versions/helm/1.0.0.yaml",
        `version: "1.0.0"\ndelivery: helm\nartifact:\n  url: https://charts.example.org/mirrored-chart-1.0.0.tgz\n  sha256: ${sha256(mirrored)}\n  size: ${mirrored.length}\n${TAIL}`,
      );
    });
    const names = (await scanBaseNames(r.root, "main", { mirrors: [mirror] })).map((n) => `${n.app} ${n.name}`);
    expect(names).toEqual(
      expect.arrayContaining([
        "shipper shipper-chart",
        "shipper shared-chart",
        "remote remote",
        "remote mirrored-chart",
      ]),
    );
    // Without the bytes at hand (no mirror) only the declared name is known for the remote archive.
    const offline = (await scanBaseNames(r.root, "main", { mirrors: [] })).map((n) => `${n.app} ${n.name}`);
    expect(offline).not.toContain("remote mirrored-chart");

    for (const [i, name] of ["shared-chart", "mirrored-chart"].entries())
      await r.write(
        `apps/claimer/versions/helm/1.0.${i}.yaml`,
        `version: "1.0.${i}"\ndelivery: helm\nchart: ${name}\nartifact:\n  url: https://charts.example.org/c-1.0.${i}.tgz\n  sha256: ${"b".repeat(64)}\n  size: 1\n${TAIL}`,
      );
    await r.write("apps/claimer/app.yaml", (await r.read("apps/emqx/app.yaml")).replace("id: emqx", "id: claimer"));
    await r.write("apps/claimer/icon.svg", await r.read("apps/emqx/icon.svg"));
    await r.commit("head");
    const result = await checkPullRequest({
      base: "main",
      head: "HEAD",
      author: "emqx",
      validate: { root: r.root, mirrors: [mirror], offline: true, requireArtifacts: false },
    });
    expect(result.diagnostics.filter((d) => d.ruleId === "pr/name-taken").map((d) => d.message)).toEqual([
      expect.stringContaining("claims the helm chart name 'shared-chart', which belongs to the app shipper"),
      expect.stringContaining("claims the helm chart name 'mirrored-chart', which belongs to the app remote"),
    ]);
  });
});
