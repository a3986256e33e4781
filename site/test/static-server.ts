/**
 * A static file server over a built site folder, on 127.0.0.1 with a free port, for the
 * browser tests. Serves `<path>/index.html` for folder URLs, the site's 404.html for missing
 * files, and a Content-Type by extension; refuses paths that leave the folder.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, relative, isAbsolute } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".xml": "application/xml; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".wasm": "application/wasm",
  ".yaml": "application/yaml",
};

export interface StaticServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  /** Paths requested so far, in order (e.g. "/search/?q=x"). */
  requests: string[];
  close(): Promise<void>;
}

/** Serves `root` on 127.0.0.1 until closed. */
export async function serveStatic(root: string): Promise<StaticServer> {
  const requests: string[] = [];
  const server: Server = createServer((req, res) => {
    const raw = req.url ?? "/";
    requests.push(raw);
    let path: string;
    try {
      path = decodeURIComponent(new URL(raw, "http://127.0.0.1").pathname);
    } catch {
      res.writeHead(400).end();
      return;
    }
    let file = normalize(join(root, path));
    const rel = relative(root, file);
    if (rel.startsWith("..") || isAbsolute(rel)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404, { "Content-Type": TYPES[".html"] });
      createReadStream(join(root, "404.html")).pipe(res);
      return;
    }
    res.writeHead(200, { "Content-Type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
