import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { DEFAULT_FETCH_LIMITS } from "../../src/artifact/fetch-artifact.ts";
import { restoreLedger } from "../../src/client/read-live-ledger.ts";
import { networkSources } from "../../src/index/add-hosted-copies.ts";
import { buildRegistry } from "../../src/index/build-registry.ts";
import type { AppShard } from "../../src/index/index-types.ts";
import { inspectionTools } from "../../src/ledger/inspection-tools.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import type { RegistryRunOptions } from "../../src/run/run-options.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { generateSigningKey } from "../../src/signing/signing-keys.ts";
import { serveRegistry } from "../client/registry-server.ts";
import { makeTestCa, writeReferenceDir } from "../nextcloud-ca.ts";
import { signedSampleRegistry } from "../nextcloud-signed-samples.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "../temp-registry.ts";
import { filesOf, hostArtifacts, type ArtifactHost } from "./artifact-host.ts";
import { trustedKeysOf } from "../trusted-keys-of.ts";

// Two real charts from the corpus, served by an upstream on 127.0.0.1 that the test can break,
// and published with hosted copies beside the index (build --host-artifacts).
const HARBOR = "apps/harbor/versions/helm/1.19.1.yaml";
const MYSQL = "apps/mysql/versions/helm/14.0.5.yaml";
const HARBOR_COPY = "artifacts/harbor/helm/1.19.1/harbor-1.19.1.tgz";
const limits = { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true };
const EXPIRES = "2099-01-01T00:00:00Z";

let host: ArtifactHost | undefined;
afterEach(async () => {
  await host?.close();
  host = undefined;
});

/** A registry of harbor and mysql published once with hosted copies (no download cache), and what the re-sign needs. */
async function firstPublish() {
  const registry = await tempRegistry(["harbor", "mysql"]);
  host = await hostArtifacts(registry, [HARBOR, MYSQL]);
  const key = generateSigningKey().key;
  const trusted = trustedKeysOf(key);
  const base: RegistryRunOptions = { root: registry.root, mirrors: [], offline: false, requireArtifacts: true, limits };
  const first = await tempDir();
  const one = await validateRegistry({
    ...base,
    ledger: { entries: {}, tools: inspectionTools(), now: "2026-12-01T04:23:00Z", probe: true },
  });
  expect(errorsOf(one.diagnostics)).toEqual([]);
  await buildRegistry(indexBuildInput(one, { hostArtifacts: true }), first, { serial: 41, expires: EXPIRES }, [key]);
  const live = await serveRegistry(first);
  // A week later harbor's upstream is gone; the re-sign restores the ledger from the live registry.
  host.gone.add("harbor-1.19.1.tgz");
  host.requests.length = 0;
  const restored = await restoreLedger(live.url, trusted);
  const two = await validateRegistry({
    ...base,
    ledger: { entries: restored.entries, tools: inspectionTools(), now: "2026-12-08T04:23:00Z", probe: true },
  });
  expect(errorsOf(two.diagnostics)).toEqual([]);
  return { first, live, key, two, upstream: host };
}

describe("a hosted copy whose upstream is gone", () => {
  it("stays published, listed first, read back from the previous publish with its digest checked; the version is marked unavailable upstream", async () => {
    const { first, live, key, two, upstream } = await firstPublish();
    live.requests.length = 0;
    const second = await tempDir();
    const summary = await buildRegistry(
      indexBuildInput(two, { hostArtifacts: true }),
      second,
      { serial: 42, expires: EXPIRES },
      [key],
      undefined,
      { previousPublish: live.url },
    );
    expect(summary.hosted.count).toBe(2);
    // The dead upstream is only asked (HEAD) whether it still serves the chart; its bytes come from the live copy
    // (and so does its .prov: the live registry has none for it).
    expect(upstream.requests.filter((r) => r.includes("harbor")).sort()).toEqual(["HEAD /harbor-1.19.1.tgz"]);
    expect(live.requests).toEqual(expect.arrayContaining([`200 /${HARBOR_COPY}`, `404 /${HARBOR_COPY}.prov`]));

    const before = await filesOf(first);
    const after = await filesOf(second);
    expect(after.get(HARBOR_COPY)?.equals(before.get(HARBOR_COPY) ?? Buffer.alloc(0))).toBe(true);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after].filter(([f, b]) => !b.equals(before.get(f) ?? Buffer.alloc(0))).map(([f]) => f);
    // mysql's shard, its copy and the Helm index entries of both charts are byte-identical.
    expect(changed.filter((f) => !/^(bins\/|index\.json|ledger\.json)/.test(f))).toEqual(["apps/harbor.json"]);

    const harbor = JSON.parse(after.get("apps/harbor.json")?.toString() ?? "{}") as AppShard;
    expect(harbor.versions[0]).toMatchObject({
      unavailableSince: "2026-12-08",
      artifact: { url: HARBOR_COPY, source: `${upstream.base}/harbor-1.19.1.tgz` },
    });
    const helm = parse(after.get("helm/index.yaml")?.toString() ?? "") as {
      entries: Record<string, { version: string; urls: string[] }[]>;
    };
    expect(helm.entries.harbor?.[0]?.urls).toEqual([`../${HARBOR_COPY}`, `${upstream.base}/harbor-1.19.1.tgz`]);
  });

  it("keeps the .prov the previous publish carried beside the copy, checked against the copy's digest", async () => {
    const { live, key, two } = await firstPublish();
    const sha256 = "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1";
    const prov = Buffer.from(
      `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: harbor\nversion: 1.19.1\n\n...\nfiles:\n  harbor-1.19.1.tgz: sha256:${sha256}\n-----BEGIN PGP SIGNATURE-----\n\nAAAA\n-----END PGP SIGNATURE-----\n`,
    );
    await writeFile(path.join(live.root, ...`${HARBOR_COPY}.prov`.split("/")), prov);
    const second = await tempDir();
    await buildRegistry(
      indexBuildInput(two, { hostArtifacts: true }),
      second,
      { serial: 42, expires: EXPIRES },
      [key],
      undefined,
      {
        previousPublish: live.url,
      },
    );
    expect((await readFile(path.join(second, ...`${HARBOR_COPY}.prov`.split("/")))).equals(prov)).toBe(true);
    const harbor = JSON.parse(await readFile(path.join(second, "apps/harbor.json"), "utf8")) as AppShard;
    expect(harbor.versions[0]?.artifact.provenance).toMatchObject({ url: `${HARBOR_COPY}.prov`, size: prov.length });
  });

  it("is never published from bytes whose digest differs, and without any readable copy the build fails closed", async () => {
    const { live, key, two } = await firstPublish();
    const out = path.join(await tempDir(), "out");
    await writeFile(path.join(live.root, ...HARBOR_COPY.split("/")), "not the chart");
    const build = (previousPublish?: string) =>
      buildRegistry(
        indexBuildInput(two, { hostArtifacts: true }),
        out,
        { serial: 42, expires: EXPIRES },
        [key],
        undefined,
        previousPublish ? { previousPublish } : {},
      );
    await expect(build(live.url)).rejects.toThrow(
      new RegExp(
        `cannot host ${HARBOR_COPY} \\(harbor\\).*${HARBOR_COPY}: sha256 [0-9a-f]{64} \\(13 bytes\\), refused`,
      ),
    );
    await expect(build()).rejects.toThrow(/cannot host .*harbor-1\.19\.1\.tgz answered HTTP 404/);
    await expect(readdir(out)).rejects.toThrow(/ENOENT/);
  });
});

describe("a copy only this registry hosts (hosted: true)", () => {
  it("is re-signed with no cache or mirror: checked from the ledger, its bytes read back from the previous publish, the Nextcloud API unchanged", async () => {
    const ca = await makeTestCa();
    // Nextcloud signatures are verified against this throwaway CA, laid out like Nextcloud's resources/codesigning/.
    process.env.APPSHELF_REFERENCE_DIR = await writeReferenceDir(await tempDir(), ca);
    const registry = await signedSampleRegistry(ca);
    host = await hostArtifacts(registry, []);
    const files = ["apps/notes/versions/nextcloud/6.0.2.yaml", "apps/tasks/versions/nextcloud/0.18.1.yaml"];
    // Their provenance URLs are on the test's host, which has no such files.
    for (const file of files) await registry.edit(file, "source: https://github.com/", `source: ${host.base}/`);
    const key = generateSigningKey().key;
    const trusted = trustedKeysOf(key);
    const base: RegistryRunOptions = {
      root: registry.root,
      mirrors: [],
      offline: false,
      requireArtifacts: true,
      limits,
    };
    const siteUrl = "https://o.github.io/r/";
    const copy = "artifacts/tasks/nextcloud/0.18.1/tasks.tar.gz";
    const first = await tempDir();
    const one = await validateRegistry({
      ...base,
      mirrors: [CORPUS],
      ledger: { entries: {}, tools: inspectionTools(), now: "2026-12-01T04:23:00Z", probe: true },
    });
    expect(errorsOf(one.diagnostics)).toEqual([]);
    await buildRegistry(indexBuildInput(one), first, { serial: 41, expires: EXPIRES }, [key], undefined, { siteUrl });
    const live = await serveRegistry(first);

    // Without the ledger, a runner with no mirror cannot check the copy at all.
    const blind = await validateRegistry(base);
    expect(errorsOf(blind.diagnostics).map((d) => `${d.ruleId} ${d.file}`)).toEqual(
      files.map((f) => `artifact/not-verified ${f}`),
    );

    const restored = await restoreLedger(live.url, trusted);
    const two = await validateRegistry({
      ...base,
      ledger: { entries: restored.entries, tools: inspectionTools(), now: "2026-12-08T04:23:00Z", probe: true },
    });
    expect(errorsOf(two.diagnostics)).toEqual([]);
    expect(two.diagnostics.filter((d) => d.ruleId === "artifact/unavailable")).toEqual([]);
    const second = await tempDir();
    await buildRegistry(indexBuildInput(two), second, { serial: 42, expires: EXPIRES }, [key], undefined, {
      siteUrl,
      previousPublish: live.url,
    });
    expect(host.requests.sort()).toEqual([
      "GET /nextcloud-releases/notes/releases/download/v6.0.2/notes-v6.0.2.tar.gz",
      "GET /nextcloud/tasks/releases/download/v0.18.1/tasks.tar.gz",
    ]);
    expect(live.requests).toContain(`200 /${copy}`);
    const before = await filesOf(first);
    const after = await filesOf(second);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
    const changed = [...after].filter(([f, b]) => !b.equals(before.get(f) ?? Buffer.alloc(0))).map(([f]) => f);
    expect(changed.sort()).toEqual(["index.json", "index.json.sig"]);
    const api = after.get("api/v1/apps.json")?.toString() ?? "";
    expect(api).toContain(`${siteUrl}${copy}`);
  });
});

describe("networkSources", () => {
  const copy = { url: HARBOR_COPY, source: "https://up.example/harbor-1.19.1.tgz" };
  it("reads the upstream first, and the previous publish first once the upstream is gone", () => {
    expect(networkSources(copy, "https://o.github.io/r")).toEqual([
      "https://up.example/harbor-1.19.1.tgz",
      `https://o.github.io/r/${HARBOR_COPY}`,
    ]);
    expect(networkSources({ ...copy, unavailableSince: "2026-12-08" }, "https://o.github.io/r/")).toEqual([
      `https://o.github.io/r/${HARBOR_COPY}`,
      "https://up.example/harbor-1.19.1.tgz",
    ]);
  });
  it("reads a release asset back from its own URL, and nothing outside the previous publish's folder", () => {
    const asset = "https://github.com/o/r/releases/download/appshelf-harbor/harbor-1.19.1.tgz";
    expect(networkSources({ url: asset, unavailableSince: "2026-12-08" }, undefined)).toEqual([asset]);
    expect(networkSources({ url: "artifacts/../../etc/passwd" }, "/srv/live")).toEqual([]);
    expect(networkSources({ url: HARBOR_COPY }, "/srv/live")).toEqual([
      path.join("/srv/live", ...HARBOR_COPY.split("/")),
    ]);
  });
});
