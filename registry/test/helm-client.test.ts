import { execFile } from "node:child_process";
import { mkdir, readFile, readdir } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serveStatic, type StaticServer } from "../../site/test/static-server.ts";
import { sha256Hex } from "../src/artifact/digest.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import { validateForIndex } from "../src/run/validate-registry.ts";
import { findHelmForTests } from "./helm-binary.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "./temp-registry.ts";

const run = promisify(execFile);
let server: StaticServer;
let out: string;
let helm: (args: string[]) => Promise<string>;

beforeAll(async () => {
  // harbor: an upstream URL serving the published bytes; mysql and emqx: re-packs the registry hosts.
  const registry = await tempRegistry(["harbor", "mysql", "emqx"]);
  const result = await validateForIndex({ root: registry.root, mirrors: [CORPUS], offline: true, requireArtifacts: true }, true);
  expect(errorsOf(result.diagnostics)).toEqual([]);
  out = path.join(await tempDir(), "dist");
  await buildRegistry(indexBuildInput(result), out, { serial: 1, expires: "2030-01-01T00:00:00Z" });
  server = await serveStatic(out);
  const bin = await findHelmForTests();
  const home = await tempDir();
  // Helm keeps its repositories, cache and data in the test's own folders; no proxy, no network beyond 127.0.0.1.
  const env = { PATH: "", HOME: home, HELM_CONFIG_HOME: path.join(home, "config"), HELM_CACHE_HOME: path.join(home, "cache"), HELM_DATA_HOME: path.join(home, "data"), NO_PROXY: "*" };
  helm = async (args) => (await run(bin, args, { env, timeout: 60_000 })).stdout;
});

afterAll(() => server?.close());

describe("the real Helm client against the served registry", () => {
  it("repo add, search, pull of hosted charts with their digests, show chart", async () => {
    await helm(["repo", "add", "appshelf", `${server.url}/helm`]);
    const search = await helm(["search", "repo", "appshelf", "--output", "json"]);
    const found = (JSON.parse(search) as { name: string; version: string }[]).map((c) => `${c.name}@${c.version}`).sort();
    expect(found).toEqual(["appshelf/emqx@5.8.5", "appshelf/harbor@1.19.1", "appshelf/mysql@14.0.5"]);

    const index = parse(await readFile(path.join(out, "helm/index.yaml"), "utf8")) as { entries: Record<string, { urls: string[]; digest: string }[]> };
    const dest = path.join(await tempDir(), "pulled");
    await mkdir(dest);
    for (const [chart, version] of [["mysql", "14.0.5"], ["harbor", "1.19.1"]] as const) {
      const entry = index.entries[chart]?.[0];
      // Our hosted copy is listed first; harbor's upstream URL follows (same bytes), mysql's re-pack has none.
      expect(entry?.urls[0]).toBe(`../artifacts/${chart}/helm/${version}/${chart}-${version}.tgz`);
      expect(entry?.urls.length).toBe(chart === "harbor" ? 2 : 1);
      await helm(["pull", `appshelf/${chart}`, "--version", version, "--destination", dest]);
      const bytes = await readFile(path.join(dest, `${chart}-${version}.tgz`));
      expect(sha256Hex(bytes)).toBe(entry?.digest);
      expect(server.requests).toContain(`/artifacts/${chart}/helm/${version}/${chart}-${version}.tgz`);
    }
    expect((await readdir(dest)).sort()).toEqual(["harbor-1.19.1.tgz", "mysql-14.0.5.tgz"]);
    const chart = parse(await helm(["show", "chart", "appshelf/mysql", "--version", "14.0.5"])) as { name: string; version: string; appVersion: string };
    expect(chart).toMatchObject({ name: "mysql", version: "14.0.5", appVersion: "9.4.0" });
  });
});
