import { readdir, rm } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { readFile } from "node:fs/promises";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_LIMITS } from "../src/artifact/fetch-artifact.ts";
import { openMirror } from "../src/artifact/mirror.ts";
import { importHelm, type ImportHelmRequest } from "../src/import/import-helm.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { CORPUS, tempRegistry } from "./temp-registry.ts";

const HARBOR_INDEX = path.join(CORPUS, "helm/index/harbor-helm-published-index.yaml");
const NEW_APP = {
  maintainers: ["wy65701436"],
  categories: ["developer-tools"],
  license: "Apache-2.0",
  publisher: "goharbor",
};

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function request(
  root: string,
  source: string,
  overrides: Partial<ImportHelmRequest["options"]> = {},
): Promise<ImportHelmRequest> {
  const { mirror } = await openMirror([CORPUS]);
  return {
    root,
    source,
    options: { chart: "harbor", appId: "harbor", repoUrl: "https://helm.goharbor.io", ...NEW_APP, ...overrides },
    mirror,
    offline: true,
    limits: { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true },
  };
}

const versionFiles = async (root: string) => (await readdir(path.join(root, "apps/harbor/versions/helm"))).sort();

describe("appshelf import helm", () => {
  it("turns Harbor's real repository index (117 versions) into manifests that validate", async () => {
    const r = await tempRegistry([]);
    const plan = await importHelm(await request(r.root, HARBOR_INDEX));
    expect(plan.skipped).toEqual([]);
    expect(await versionFiles(r.root)).toHaveLength(117);
    const version = await r.read("apps/harbor/versions/helm/1.19.1.yaml");
    expect(version).toContain("url: https://helm.goharbor.io/harbor-1.19.1.tgz");
    expect(version).toContain("sha256: 593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1");
    expect(version).toContain("size: 54222"); // the one version whose artifact the mirror holds
    expect(version).toContain('released: "2026-05-27"');
    const result = await validateRegistry({ root: r.root, mirrors: [CORPUS], offline: true, requireArtifacts: false });
    expect(result.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(result.counts).toMatchObject({ apps: 1, versions: 117, artifactsVerified: 1 });
  });

  it("re-running adds only the new versions and leaves existing files alone", async () => {
    const r = await tempRegistry([]);
    await importHelm(await request(r.root, HARBOR_INDEX));
    await r.edit("apps/harbor/app.yaml", "name:\n  en: harbor", "name:\n  en: Harbor");
    for (const v of ["1.19.1", "1.18.0", "1.0.0"]) await rm(path.join(r.root, `apps/harbor/versions/helm/${v}.yaml`));
    const plan = await importHelm(await request(r.root, HARBOR_INDEX));
    expect([...plan.files.keys()].sort()).toEqual(
      ["1.0.0", "1.18.0", "1.19.1"].map((v) => `apps/harbor/versions/helm/${v}.yaml`),
    );
    expect(plan.present).toHaveLength(114);
    expect(await r.read("apps/harbor/app.yaml")).toContain("en: Harbor");
  });

  it("reads an index from a URL and resolves relative chart URLs against --repo-url", async () => {
    const text = await readFile(HARBOR_INDEX);
    server = createServer((_req, res) => res.end(text));
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    const r = await tempRegistry([]);
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/index.yaml`;
    await importHelm(await request(r.root, url));
    expect(await versionFiles(r.root)).toHaveLength(117);
  });

  it("skips entries of helm's own fixtures that a store cannot trust: fake digests, no URL", async () => {
    const r = await tempRegistry([]);
    const nginx = await importHelm(
      await request(r.root, path.join(CORPUS, "helm/index/helm-testdata-local-index.yaml"), {
        chart: "nginx",
        appId: "nginx",
      }),
    );
    expect(nginx.skipped).toEqual([
      { version: "0.2.0", reason: "no SHA-256 digest" },
      { version: "0.1.0", reason: "no SHA-256 digest" },
    ]);
    expect(nginx.files.size).toBe(0);
    await expect(readdir(path.join(r.root, "apps"))).resolves.toEqual([]);
  });

  it("tolerates unknown top-level keys (ChartMuseum's serverInfo) and names the charts when one is missing", async () => {
    const r = await tempRegistry([]);
    await expect(
      importHelm(
        await request(r.root, path.join(CORPUS, "helm/index/helm-testdata-chartmuseum-index.yaml"), {
          chart: "wordpress",
          appId: "wordpress",
        }),
      ),
    ).rejects.toThrow("chart 'wordpress' is not in the Helm index; it has: alpine, chartWithNoURL, nginx");
  });

  it("a new app without maintainers, categories, license or publisher is refused, and nothing is written", async () => {
    const r = await tempRegistry([]);
    const req = await request(r.root, HARBOR_INDEX, { maintainers: [], categories: [] });
    await expect(importHelm(req)).rejects.toThrow("a new app also needs --maintainer, --category");
    await expect(readdir(path.join(r.root, "apps"))).resolves.toEqual([]);
  });

  it("an invalid maintainer login is reported before anything is written", async () => {
    const r = await tempRegistry([]);
    await expect(importHelm(await request(r.root, HARBOR_INDEX, { maintainers: ["not a login!"] }))).rejects.toThrow(
      "would not be valid; nothing was written",
    );
    await expect(readdir(path.join(r.root, "apps"))).resolves.toEqual([]);
  });
});
