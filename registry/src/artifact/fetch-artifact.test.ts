import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "./digest.ts";
import { DEFAULT_FETCH_LIMITS, fetchArtifact, type FetchLimits } from "./fetch-artifact.ts";

const BODY = Buffer.from("a release artifact\n".repeat(100));
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    if (req.url === "/artifact.tgz") res.end(BODY);
    else if (req.url === "/redirect") res.writeHead(302, { location: "/artifact.tgz" }).end();
    else if (req.url === "/loop") res.writeHead(302, { location: "/loop" }).end();
    else if (req.url === "/drip") {
      // Sends a byte now and then, never finishing: only the time cap can end it.
      res.writeHead(200);
      const timer = setInterval(() => res.write("x"), 20);
      res.on("close", () => clearInterval(timer));
    } else if (req.url === "/to-plain-http") res.writeHead(302, { location: "http://example.org/artifact.tgz" }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true };

describe("fetchArtifact (served from 127.0.0.1)", () => {
  it("downloads and hashes the bytes, following redirects", async () => {
    const { bytes, sha256 } = await fetchArtifact(`${base}/redirect`, limits);
    expect(bytes.equals(BODY)).toBe(true);
    expect(sha256).toBe(sha256Hex(BODY));
  });

  it("refuses plain http unless loopback is allowed for tests", async () => {
    await expect(fetchArtifact(`${base}/artifact.tgz`)).rejects.toMatchObject({ reason: "insecure-url" });
    await expect(fetchArtifact(`${base}/to-plain-http`, limits)).rejects.toMatchObject({ reason: "insecure-url" });
  });

  it("aborts a body over the size cap", async () => {
    await expect(fetchArtifact(`${base}/artifact.tgz`, { ...limits, maxBytes: 100 })).rejects.toMatchObject({
      reason: "too-large",
    });
  });

  it("aborts a slow drip at the time cap", async () => {
    await expect(fetchArtifact(`${base}/drip`, { ...limits, timeoutMs: 300 })).rejects.toMatchObject({
      reason: "timeout",
    });
  });

  it("stops after the redirect limit and reports HTTP errors", async () => {
    await expect(fetchArtifact(`${base}/loop`, { ...limits, maxRedirects: 3 })).rejects.toMatchObject({
      reason: "too-many-redirects",
    });
    await expect(fetchArtifact(`${base}/missing`, limits)).rejects.toMatchObject({ reason: "http-status" });
  });
});
