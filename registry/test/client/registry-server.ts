import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { afterEach } from "vitest";
import { CORPUS } from "../temp-registry.ts";

/**
 * Release artifacts of the sample apps by the file name of their upstream URL, read from
 * ../shared/corpus. The built shards point at the upstream URLs; the client's `--url-map
 * https://=<server>/upstream/` sends those downloads here instead (no network).
 */
export const UPSTREAM: Record<string, string> = {
  "harbor-1.19.1.tgz": path.join(CORPUS, "helm/published/harbor-1.19.1.tgz"),
  "wordpress-27.0.0.tgz": path.join(CORPUS, "helm/packages/wordpress-27.0.0.tgz"),
  "notes-v6.0.2.tar.gz": path.join(CORPUS, "nextcloud/archives/notes-6.0.2.tar.gz"),
  "tasks.tar.gz": path.join(CORPUS, "nextcloud/archives/tasks-0.18.1.tar.gz"),
};

/** A static host on 127.0.0.1 serving a registry folder, with ETags, and the upstream artifacts. */
export interface RegistryServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  /** `--url-map` value sending every https:// artifact URL to this server's /upstream/. */
  urlMap: string;
  /** The folder served at the root; switch it to serve another build. */
  root: string;
  /** Bytes served instead of an upstream file, by file name (a tampered artifact). */
  replace: Map<string, Buffer>;
  /** Every request as `<status> <path>`. */
  requests: string[];
}

const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise<void>((resolve) => s.close(() => resolve()))));
});

/** Starts a server for `root` (closed after the test). ETag is the quoted SHA-256 of the body; If-None-Match gets 304. */
export async function serveRegistry(root: string): Promise<RegistryServer> {
  const state: RegistryServer = { url: "", urlMap: "", root, replace: new Map(), requests: [] };
  const server = createServer((req, res) => {
    const url = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    void answer(state, url, req.headers["if-none-match"]).then(({ status, body, etag }) => {
      state.requests.push(`${status} ${url}`);
      res.writeHead(
        status,
        etag ? { etag, "content-length": String(body.length) } : { "content-length": String(body.length) },
      );
      res.end(body);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  state.urlMap = `https://=${state.url}upstream/`;
  return state;
}

async function answer(
  state: RegistryServer,
  url: string,
  ifNoneMatch: string | undefined,
): Promise<{ status: number; body: Buffer; etag?: string }> {
  const name = path.posix.basename(url);
  const upstream = url.startsWith("/upstream/") ? UPSTREAM[name] : undefined;
  const file = upstream ?? path.join(state.root, ...url.split("/").filter((s) => s !== "" && s !== ".."));
  let body: Buffer;
  try {
    body = (upstream && state.replace.get(name)) || (await readFile(file));
  } catch {
    return { status: 404, body: Buffer.alloc(0) };
  }
  const etag = `"${createHash("sha256").update(body).digest("hex")}"`;
  if (ifNoneMatch === etag) return { status: 304, body: Buffer.alloc(0), etag };
  return { status: 200, body, etag };
}
