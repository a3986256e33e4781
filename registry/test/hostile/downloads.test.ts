import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_FETCH_LIMITS, fetchArtifact, type FetchLimits } from "../../src/artifact/fetch-artifact.ts";
import { nonPublicReason } from "../../src/artifact/public-address.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { CORPUS, tempRegistry } from "../temp-registry.ts";

/**
 * Downloads (issue 9): a hostile artifact host on 127.0.0.1 serving the real Harbor chart
 * from `../shared/corpus` and every way of misbehaving. Loopback is allowed for the test
 * server (`allowHttpLoopback`, tests only); every other non-public address stays refused.
 */
const CHART = readFileSync(path.join(CORPUS, "helm/published/harbor-1.19.1.tgz"));
/** 64 MiB of zeros in about 64 KiB: a body that grows 1000-fold when fetch undoes its Content-Encoding. */
const GZIP_BOMB = gzipSync(Buffer.alloc(64 * 1024 * 1024));
const VERSION = "apps/harbor/versions/helm/1.19.1.yaml";
let server: Server;
let base: string;
let requests: string[] = [];
const sockets = new Set<Socket>();

beforeAll(async () => {
  server = createServer((req, res) => {
    requests.push(req.url ?? "");
    const redirect = /^\/redirect\/(.*)$/.exec(req.url ?? "")?.[1];
    if (redirect !== undefined) return void res.writeHead(302, { location: decodeURIComponent(redirect) }).end();
    if (req.url === "/chart.tgz") return void res.end(CHART);
    if (req.url === "/endless") {
      // An endless body: chunk after chunk, no Content-Length.
      res.writeHead(200);
      const chunk = Buffer.alloc(64 * 1024, 0x41);
      const pump = () => {
        while (res.write(chunk));
        res.once("drain", pump);
      };
      return void pump();
    }
    if (req.url === "/drip") {
      // A byte now and then, forever: only the time cap ends it.
      res.writeHead(200, { "content-length": String(CHART.length) });
      const timer = setInterval(() => res.write("x"), 20);
      return void res.on("close", () => clearInterval(timer));
    }
    if (req.url === "/short") {
      // Declares the chart's length, sends half, closes (written on the raw socket).
      return void req.socket.end(
        Buffer.concat([
          Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${CHART.length}\r\n\r\n`),
          CHART.subarray(0, CHART.length / 2),
        ]),
      );
    }
    if (req.url === "/long") {
      // Declares 100 bytes, sends the whole chart: the client reads only what was declared.
      return void req.socket.end(
        Buffer.concat([Buffer.from("HTTP/1.1 200 OK\r\nContent-Length: 100\r\nConnection: close\r\n\r\n"), CHART]),
      );
    }
    if (req.url === "/huge-declared") return void res.writeHead(200, { "content-length": String(1024 ** 4) }).end();
    if (req.url === "/gzip-bomb") return void res.writeHead(200, { "content-encoding": "gzip" }).end(GZIP_BOMB);
    res.writeHead(404).end();
  });
  server.on("connection", (socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

const limits: FetchLimits = { ...DEFAULT_FETCH_LIMITS, allowHttpLoopback: true };
const via = (target: string) => `${base}/redirect/${encodeURIComponent(target)}`;

describe("downloads: where a download may go", () => {
  it("refuses a redirect to plain http", async () => {
    await expect(fetchArtifact(via("http://example.org/chart.tgz"), limits)).rejects.toMatchObject({
      reason: "insecure-url",
    });
  });

  it.each([
    ["a private network", "https://10.0.0.1/chart.tgz", "private (RFC 1918)"],
    ["a home router", "https://192.168.1.1/chart.tgz", "private (RFC 1918)"],
    [
      "the cloud metadata endpoint",
      "https://169.254.169.254/latest/meta-data/iam/",
      "link-local (cloud metadata endpoints)",
    ],
    ["carrier-grade NAT", "https://100.64.0.1/chart.tgz", "carrier-grade NAT (RFC 6598)"],
    ["an IPv6 unique local address", "https://[fd00::1]/chart.tgz", "unique local"],
    ["an IPv6 link-local address", "https://[fe80::1]/chart.tgz", "link-local"],
    ["'this network'", "https://0.0.0.0/chart.tgz", "'this network'"],
    ["the metadata endpoint through NAT64", "https://[64:ff9b::a9fe:a9fe]/chart.tgz", "NAT64"],
    ["a private address through 6to4", "https://[2002:c0a8:101::1]/chart.tgz", "6to4"],
    ["a private address written IPv4-compatible", "https://[::10.0.0.1]/chart.tgz", "IPv4-compatible"],
  ])("refuses a redirect to %s, without connecting", async (_name, target, reason) => {
    await expect(fetchArtifact(via(target), limits)).rejects.toMatchObject({
      reason: "private-address",
      message: expect.stringContaining(reason),
    });
  });

  it.each([
    ["127.0.0.1", (port: string) => `https://127.0.0.1:${port}/chart.tgz`],
    ["localhost (resolved through /etc/hosts)", (port: string) => `https://localhost:${port}/chart.tgz`],
    ["a decimal IPv4 (2130706433)", (port: string) => `https://2130706433:${port}/chart.tgz`],
    ["a hex shorthand (0x7f.1)", (port: string) => `https://0x7f.1:${port}/chart.tgz`],
    ["an IPv4-mapped IPv6 address", (port: string) => `https://[::ffff:127.0.0.1]:${port}/chart.tgz`],
    ["IPv6 loopback", (port: string) => `https://[::1]:${port}/chart.tgz`],
  ])("without the test-only option, refuses loopback written as %s, and sends no request", async (_name, url) => {
    requests = [];
    const port = new URL(base).port;
    await expect(fetchArtifact(url(port))).rejects.toMatchObject({ reason: "private-address" });
    expect(requests).toEqual([]);
  });

  it("classifies addresses: public ones pass, mapped and loopback ones do not", () => {
    expect(nonPublicReason("140.82.112.3")).toBeUndefined();
    expect(nonPublicReason("2606:4700::1111")).toBeUndefined();
    expect(nonPublicReason("::ffff:10.1.2.3")).toBe("private (RFC 1918): IPv4-mapped address of 10.1.2.3");
    expect(nonPublicReason("127.0.0.1", true)).toBeUndefined();
    expect(nonPublicReason("10.0.0.1", true)).toBe("private (RFC 1918)");
  });
});

describe("downloads: what a host may send", () => {
  it("stops an endless body at the size cap", async () => {
    await expect(fetchArtifact(`${base}/endless`, { ...limits, maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      reason: "too-large",
    });
  });

  it("refuses a declared Content-Length over the cap before reading the body", async () => {
    await expect(fetchArtifact(`${base}/huge-declared`, limits)).rejects.toMatchObject({
      reason: "too-large",
      message: expect.stringContaining(String(1024 ** 4)),
    });
  });

  it("ends a slow drip at the time cap", async () => {
    await expect(fetchArtifact(`${base}/drip`, { ...limits, timeoutMs: 300 })).rejects.toMatchObject({
      reason: "timeout",
    });
  });

  it("refuses a body that ends before its Content-Length", async () => {
    await expect(fetchArtifact(`${base}/short`, limits)).rejects.toMatchObject({ reason: "length-mismatch" });
  });

  it("a body longer than its Content-Length is cut there, and the digest check refuses what arrived", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit(VERSION, "https://helm.goharbor.io/harbor-1.19.1.tgz", `${base}/long`);
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [],
      offline: false,
      requireArtifacts: true,
      limits,
    });
    expect(diagnostics.map((d) => d.ruleId)).toEqual(["artifact/digest-mismatch"]);
  });

  it("a body compressed with Content-Encoding anyway (a bomb) is capped after decoding", async () => {
    await expect(fetchArtifact(`${base}/gzip-bomb`, { ...limits, maxBytes: 1024 * 1024 })).rejects.toMatchObject({
      reason: "too-large",
    });
  });

  it("in a validation run, a private redirect is an error on the manifest's url line", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit(
      VERSION,
      "https://helm.goharbor.io/harbor-1.19.1.tgz",
      via("https://169.254.169.254/harbor-1.19.1.tgz"),
    );
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [],
      offline: false,
      requireArtifacts: false,
      limits,
    });
    expect(diagnostics).toMatchObject([
      { ruleId: "artifact/private-address", severity: "error", file: VERSION, line: 7 },
    ]);
  });
});
