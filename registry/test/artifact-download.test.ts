import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_LIMITS } from "../src/artifact/fetch-artifact.ts";
import { validateRegistry } from "../src/run/validate-registry.ts";
import { CORPUS, HARBOR_V1_WARNING, tempDir, tempRegistry } from "./temp-registry.ts";

const VERSION = "apps/harbor/versions/helm/1.19.1.yaml";
const CHART = path.join(CORPUS, "helm/published/harbor-1.19.1.tgz");

let server: Server | undefined;
let requests = 0;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** Serves the real Harbor chart (and a redirect to plain http) on 127.0.0.1. */
async function serve(): Promise<string> {
  const chart = await readFile(CHART);
  requests = 0;
  server = createServer((req, res) => {
    requests++;
    if (req.url === "/harbor-1.19.1.tgz") res.end(chart);
    else if (req.url === "/moved/harbor-1.19.1.tgz")
      res.writeHead(301, { location: "http://example.org/harbor-1.19.1.tgz" }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

async function registryPointingAt(url: string) {
  const r = await tempRegistry(["harbor"]);
  await r.edit(VERSION, "https://helm.goharbor.io/harbor-1.19.1.tgz", url);
  return r;
}

const limits = { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true };

describe("artifacts downloaded from a server (127.0.0.1)", () => {
  it("downloads, verifies, and caches by digest so a second run does not download again", async () => {
    const base = await serve();
    const r = await registryPointingAt(`${base}/harbor-1.19.1.tgz`);
    const cacheDir = await tempDir();
    const options = { root: r.root, mirrors: [], offline: false, requireArtifacts: true, limits, cacheDir };
    const first = await validateRegistry(options);
    expect(first.diagnostics).toMatchObject([HARBOR_V1_WARNING]);
    expect(first.counts.artifactsVerified).toBe(1);
    expect(requests).toBe(1);
    const second = await validateRegistry(options);
    expect(second.diagnostics).toMatchObject([HARBOR_V1_WARNING]);
    expect(requests).toBe(1);
  });

  it("reports a digest mismatch with both digests", async () => {
    const base = await serve();
    const r = await registryPointingAt(`${base}/harbor-1.19.1.tgz`);
    await r.edit(VERSION, "593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1", "ab".repeat(32));
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [],
      offline: false,
      requireArtifacts: true,
      limits,
    });
    expect(diagnostics).toMatchObject([
      {
        ruleId: "artifact/digest-mismatch",
        file: VERSION,
        line: 8,
        message: expect.stringMatching(
          /is 593f47e1ff6cdb58bd571708535ccef436f44ccf842c5f7925cd7b03e827edc1, but the manifest says (ab){32}/,
        ),
      },
    ]);
  });

  it("aborts a download over the size cap", async () => {
    const base = await serve();
    const r = await registryPointingAt(`${base}/harbor-1.19.1.tgz`);
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [],
      offline: false,
      requireArtifacts: true,
      limits: { ...limits, maxBytes: 10_000 },
    });
    expect(diagnostics).toMatchObject([{ ruleId: "artifact/too-large", file: VERSION, line: 7 }]);
  });

  it("refuses a redirect to a plain-http URL", async () => {
    const base = await serve();
    const r = await registryPointingAt(`${base}/moved/harbor-1.19.1.tgz`);
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [],
      offline: false,
      requireArtifacts: true,
      limits,
    });
    expect(diagnostics).toMatchObject([{ ruleId: "artifact/insecure-url", file: VERSION }]);
  });

  it("without the test-only option, a plain-http URL in a manifest is refused by the schema", async () => {
    const r = await registryPointingAt("http://127.0.0.1:9/harbor-1.19.1.tgz");
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [],
      offline: true,
      requireArtifacts: true,
    });
    expect(diagnostics.map((d) => d.ruleId)).toContain("url/https");
  });
});
