import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_LIMITS } from "../../src/artifact/fetch-artifact.ts";
import { checkPullRequest } from "../../src/check-pr/check-pull-request.ts";
import { buildRegistry } from "../../src/index/build-registry.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import type { AppShard, RegistryIndex } from "../../src/index/index-types.ts";
import { inspectionTools } from "../../src/ledger/inspection-tools.ts";
import { restoreLedger } from "../../src/client/read-live-ledger.ts";
import type { Ledger } from "../../src/ledger/ledger-types.ts";
import { generateSigningKey } from "../../src/signing/signing-keys.ts";
import type { RegistryRunOptions as ValidateOptions } from "../../src/run/run-options.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { aPrRepo, validationErrors } from "../pr/pr-repo.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "../temp-registry.ts";
import { filesOf, hostArtifacts, type ArtifactHost } from "./artifact-host.ts";
import { trustedKeysOf } from "../trusted-keys-of.ts";

// Three real charts from the corpus, served by a host on 127.0.0.1 that the test can break.
const VERSIONS = [
  "apps/harbor/versions/helm/1.19.1.yaml",
  "apps/mysql/versions/helm/14.0.5.yaml",
  "apps/redis/versions/helm/23.1.1.yaml",
];
const limits = { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true };
const EXPIRES = "2099-01-01T00:00:00Z";

let host: ArtifactHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

describe("publishing with a verification ledger", () => {
  it("re-signs when one of three artifacts' host answers 404: the dead version stays published, marked unavailable; nothing else changes; the serial increases", async () => {
    const registry = await tempRegistry(["harbor", "mysql", "redis"]);
    host = await hostArtifacts(registry, VERSIONS);
    const key = generateSigningKey().key;
    const trusted = trustedKeysOf(key);
    const base: ValidateOptions = { root: registry.root, mirrors: [], offline: false, requireArtifacts: true, limits };

    // First publish: no ledger yet, every artifact is downloaded and checked.
    const first = await tempDir();
    const one = await validateRegistry({
      ...base,
      ledger: { entries: {}, tools: inspectionTools(), now: "2026-12-01T04:23:00Z", probe: true },
    });
    expect(errorsOf(one.diagnostics)).toEqual([]);
    await buildRegistry(indexBuildInput(one), first, { serial: 41, expires: EXPIRES }, [key]);
    expect(host.requests.filter((r) => r.startsWith("GET")).sort()).toEqual([
      "GET /harbor-1.19.1.tgz",
      "GET /mysql-14.0.5.tgz",
      "GET /redis-23.1.1.tgz",
    ]);

    // A week later redis's host is gone; the re-sign restores the ledger from the live registry.
    host.gone.add("redis-23.1.1.tgz");
    host.requests.length = 0;
    const restored = await restoreLedger(first, trusted);
    expect(Object.keys(restored.entries)).toHaveLength(3);
    const second = await tempDir();
    const two = await validateRegistry({
      ...base,
      ledger: { entries: restored.entries, tools: inspectionTools(), now: "2026-12-08T04:23:00Z", probe: true },
    });
    expect(errorsOf(two.diagnostics)).toEqual([]);
    expect(two.diagnostics.filter((d) => d.ruleId === "artifact/unavailable")).toMatchObject([
      {
        severity: "warning",
        file: "apps/redis/versions/helm/23.1.1.yaml",
        line: 8,
        message: expect.stringMatching(
          /redis-23\.1\.1\.tgz is no longer served \(HEAD .* answered HTTP 404\).*unavailable since 2026-12-08/,
        ),
      },
    ]);
    await buildRegistry(indexBuildInput(two), second, { serial: 42, expires: EXPIRES }, [key]);
    // Verified artifacts are not downloaded again: the host is only asked whether it still has them.
    expect(host.requests.sort()).toEqual([
      "HEAD /harbor-1.19.1.tgz",
      "HEAD /mysql-14.0.5.tgz",
      "HEAD /redis-23.1.1.tgz",
    ]);

    const before = await filesOf(first);
    const after = await filesOf(second);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after]
      .filter(([file, bytes]) => !bytes.equals(before.get(file) ?? Buffer.alloc(0)))
      .map(([file]) => file);
    const index = JSON.parse(after.get("index.json")?.toString() ?? "{}") as RegistryIndex;
    const redisBin = Object.entries(index.bins.files).find(
      ([, ref]) => JSON.parse(after.get(ref.path)?.toString() ?? "{}").shards?.redis,
    )?.[1].path;
    expect(changed.sort()).toEqual(["apps/redis.json", redisBin, "index.json", "index.json.sig", "ledger.json"].sort());
    expect(index.serial).toBe(42);
    const redis = JSON.parse(after.get("apps/redis.json")?.toString() ?? "{}") as AppShard;
    expect(redis.versions).toMatchObject([
      {
        version: "23.1.1",
        status: "released",
        unavailableSince: "2026-12-08",
        artifact: { sha256: "232419d0e2a7fabc12100b870ea38f5a37a4120d5c40bbb1e2a104fc288296c4" },
      },
    ]);
    expect(redis.versions[0]?.metadata).toEqual(
      JSON.parse(before.get("apps/redis.json")?.toString() ?? "{}").versions[0].metadata,
    );
    const ledger = JSON.parse(after.get("ledger.json")?.toString() ?? "{}") as Ledger;
    expect(ledger.entries["232419d0e2a7fabc12100b870ea38f5a37a4120d5c40bbb1e2a104fc288296c4"]).toMatchObject({
      unavailableSince: "2026-12-08",
      verifiedAt: "2026-12-01T04:23:00Z",
    });

    // The next re-sign keeps the first date; when the host serves the file again, the mark goes.
    const three = await validateRegistry({
      ...base,
      ledger: { entries: ledger.entries, tools: inspectionTools(), now: "2026-12-15T04:23:00Z", probe: true },
    });
    expect(three.ledger?.["232419d0e2a7fabc12100b870ea38f5a37a4120d5c40bbb1e2a104fc288296c4"]?.unavailableSince).toBe(
      "2026-12-08",
    );
    host.gone.clear();
    const four = await validateRegistry({
      ...base,
      ledger: { entries: ledger.entries, tools: inspectionTools(), now: "2026-12-22T04:23:00Z", probe: true },
    });
    expect(four.diagnostics.filter((d) => d.ruleId === "artifact/unavailable")).toEqual([]);
    expect(
      four.ledger?.["232419d0e2a7fabc12100b870ea38f5a37a4120d5c40bbb1e2a104fc288296c4"]?.unavailableSince,
    ).toBeUndefined();
  });

  it("checks a changed version fresh: a manifest edit is not covered by the ledger, so a dead link then fails", async () => {
    const registry = await tempRegistry(["redis"]);
    host = await hostArtifacts(registry, [VERSIONS[2] ?? ""]);
    const base: ValidateOptions = { root: registry.root, mirrors: [], offline: false, requireArtifacts: true, limits };
    const one = await validateRegistry({
      ...base,
      ledger: { entries: {}, tools: inspectionTools(), now: "2026-12-01T00:00:00Z", probe: true },
    });
    host.gone.add("redis-23.1.1.tgz");
    await registry.edit(VERSIONS[2] ?? "", 'appVersion: "8.2.1"', 'appVersion: "8.2.2"');
    const two = await validateRegistry({
      ...base,
      ledger: { entries: one.ledger ?? {}, tools: inspectionTools(), now: "2026-12-08T00:00:00Z", probe: true },
    });
    expect(errorsOf(two.diagnostics)).toMatchObject([{ ruleId: "artifact/http-status", file: VERSIONS[2] }]);
  });

  it("refuses a ledger that does not match its schema or whose entry names another digest", async () => {
    const dir = await tempDir();
    const file = path.join(dir, "ledger.json");
    await writeFile(
      file,
      JSON.stringify({
        formatVersion: 1,
        entries: {
          ["a".repeat(64)]: {
            url: "https://x.invalid/a",
            sha256: "b".repeat(64),
            size: 1,
            manifest: "c".repeat(64),
            inspection: { diagnostics: [] },
            tools: {},
            verifiedAt: "2026-12-01T00:00:00Z",
          },
        },
      }),
    );
    await expect(restoreLedger(file, { formatVersion: 1, keys: [] })).rejects.toThrow(
      /entry a{64} records the digest b{64}/,
    );
    await writeFile(file, JSON.stringify({ formatVersion: 1, entries: { x: {} } }));
    await expect(restoreLedger(file, { formatVersion: 1, keys: [] })).rejects.toThrow(
      /does not match schema\/ledger\.schema\.json/,
    );
  });
});

describe("a pull request adding a version", () => {
  it("fails its check when the new version's artifact answers 404, ledger or not", async () => {
    let served: ArtifactHost | undefined;
    const r = await aPrRepo(["harbor"]);
    await r.write(
      "apps/harbor/versions/helm/1.19.2.yaml",
      (await r.read("apps/harbor/versions/helm/1.19.1.yaml"))
        .replace(/1\.19\.1/g, "1.19.2")
        .replace(/593f47e1[0-9a-f]{56}/, "d".repeat(64)),
    );
    try {
      served = await hostArtifacts(r, []);
      await r.edit(
        "apps/harbor/versions/helm/1.19.2.yaml",
        "https://helm.goharbor.io/harbor-1.19.2.tgz",
        `${served.base}/harbor-1.19.2.tgz`,
      );
      await r.commit("head");
      const result = await checkPullRequest({
        base: "main",
        head: "HEAD",
        author: "wy65701436",
        validate: { root: r.root, mirrors: [CORPUS], offline: false, requireArtifacts: true, limits },
      });
      expect(result.ok).toBe(false);
      expect(validationErrors(result)).toContain("artifact/http-status apps/harbor/versions/helm/1.19.2.yaml");
      expect(served.requests).toEqual(["GET /harbor-1.19.2.tgz"]);
    } finally {
      await served?.close();
    }
  });
});
