/**
 * A chart version with SemVer 2.0.0 build metadata, end to end: validated (version/semver
 * takes build metadata; version/duplicate compares by precedence), built into the shard
 * and the Helm repository index with its exact text, and resolved by the client.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { sha256Hex } from "../src/artifact/digest.ts";
import { packTarGz, unpackCorpus, edit } from "./inspect/helm-fixtures.ts";
import { resolveVersion } from "../src/client/resolve-version.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import type { AppShard } from "../src/index/index-types.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "./temp-registry.ts";

const VERSION = "199.44.12345-Alpha.1+cafe009";

/** The emqx sample app plus a version VERSION whose chart (emqx re-versioned) is kept in the repository. */
async function registryWithBuildMetadata() {
  const registry = await tempRegistry(["emqx"]);
  const files = edit(
    await unpackCorpus("helm/packages/emqx-5.8.5.tgz"),
    "emqx/Chart.yaml",
    "version: 5.8.5",
    `version: ${VERSION}`,
  );
  const chart = packTarGz(files);
  await registry.write("apps/emqx/charts/emqx-build.tgz", chart);
  const manifest = [
    `version: "${VERSION}"`,
    "delivery: helm",
    'appVersion: "5.8.5"',
    "artifact:",
    "  path: charts/emqx-build.tgz",
    `  sha256: ${sha256Hex(chart)}`,
    `  size: ${chart.length}`,
    "status: released",
    'released: "2025-03-01"',
    "",
  ].join("\n");
  await registry.write(`apps/emqx/versions/helm/${VERSION}.yaml`, manifest);
  return registry;
}

describe("SemVer 2.0.0 with build metadata, end to end", () => {
  it("validates, builds into the shard and the Helm index with the exact text, and resolves in the client", async () => {
    const registry = await registryWithBuildMetadata();
    const result = await validateRegistry({
      root: registry.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    expect(errorsOf(result.diagnostics)).toEqual([]);
    expect(result.metadata.get("emqx")?.get(`helm/${VERSION}`)).toMatchObject({
      helm: { chart: "emqx", render: { tool: expect.stringMatching(/^helm v/) } },
    });

    const out = path.join(await tempDir(), "dist");
    await buildRegistry(indexBuildInput(result), out, { serial: 1, expires: "2099-01-01T00:00:00Z" });
    const shard = JSON.parse(await readFile(path.join(out, "apps/emqx.json"), "utf8")) as AppShard;
    expect(shard.versions.map((v) => v.version)).toEqual([VERSION, "5.8.5"]);

    const helmIndex = parse(await readFile(path.join(out, "helm/index.yaml"), "utf8")) as {
      entries: Record<string, { version: string; digest: string }[]>;
    };
    expect(helmIndex.entries.emqx?.map((e) => e.version)).toEqual([VERSION, "5.8.5"]);

    expect(resolveVersion(shard, { delivery: "helm", range: VERSION }).version.version).toBe(VERSION);
    // Precedence ignores build metadata; a stable release still wins without a range.
    expect(resolveVersion(shard, { delivery: "helm" }).version.version).toBe("5.8.5");
  });

  it("refuses a second version that differs only in build metadata (same precedence) and a non-canonical spelling", async () => {
    const registry = await registryWithBuildMetadata();
    const twin = (await registry.read(`apps/emqx/versions/helm/${VERSION}.yaml`)).replace(
      VERSION,
      "199.44.12345-Alpha.1+cafe010",
    );
    await registry.write("apps/emqx/versions/helm/199.44.12345-Alpha.1+cafe010.yaml", twin);
    await registry.write(
      "apps/emqx/versions/helm/v5.8.6.yaml",
      (await registry.read("apps/emqx/versions/helm/5.8.5.yaml")).replace('version: "5.8.5"', 'version: "v5.8.6"'),
    );
    const result = await validateRegistry({
      root: registry.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    const rules = errorsOf(result.diagnostics).map((d) => [d.ruleId, d.file]);
    expect(rules).toContainEqual(["version/duplicate", "apps/emqx/versions/helm/199.44.12345-Alpha.1+cafe010.yaml"]);
    expect(rules).toContainEqual(["version/semver", "apps/emqx/versions/helm/v5.8.6.yaml"]);
    expect(rules.filter(([rule]) => rule === "version/semver")).toHaveLength(1);
  });
});
