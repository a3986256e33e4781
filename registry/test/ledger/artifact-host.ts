import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { openMirror } from "../../src/artifact/mirror.ts";
import { CORPUS, type TempRegistry } from "../temp-registry.ts";

/** An upstream artifact host on 127.0.0.1 serving the real bytes of some versions, found in the corpus by digest. */
export interface ArtifactHost {
  base: string;
  /** Names (last URL segment) that now answer 404. */
  gone: Set<string>;
  /** Requests by method and path, e.g. `GET /redis-23.1.1.tgz`. */
  requests: string[];
  close(): Promise<void>;
}

/**
 * Starts the host and points each version file in `versions` (repo-relative) at it: the
 * manifest's URL becomes `<base>/<file name>`, and the host serves the corpus file with
 * the manifest's SHA-256 there.
 */
export async function hostArtifacts(registry: TempRegistry, versions: readonly string[]): Promise<ArtifactHost> {
  const { mirror } = await openMirror([CORPUS]);
  const files = new Map<string, Buffer>();
  const requests: string[] = [];
  const gone = new Set<string>();
  const server: Server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const name = (req.url ?? "").slice(1);
    const bytes = files.get(name);
    if (!bytes || gone.has(name)) res.writeHead(404).end();
    else res.writeHead(200, { "content-length": bytes.length }).end(req.method === "HEAD" ? undefined : bytes);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  for (const file of versions) {
    const text = await registry.read(file);
    // A hosted copy (the sample re-packs) is pointed at this host as if it were its upstream.
    const hosted = /^ {2}hosted: true\n {2}source: (\S+)\n/m.exec(text);
    const url = hosted?.[1] ?? /^ {2}url: (\S+)$/m.exec(text)?.[1] ?? "";
    const sha256 = /^ {2}sha256: ([0-9a-f]{64})$/m.exec(text)?.[1] ?? "";
    const name = url.split("/").pop() ?? "";
    const hit = (await mirror.find(sha256, name)).hit;
    if (!hit) throw new Error(`no corpus file has the sha256 of ${file}`);
    files.set(name, await readFile(hit.path));
    await registry.edit(file, hosted ? hosted[0] : url, hosted ? `  url: ${base}/${name}\n` : `${base}/${name}`);
  }
  return { base, gone, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Every file of a folder (relative path -> bytes). */
export async function filesOf(dir: string): Promise<Map<string, Buffer>> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const files = entries.filter((e) => e.isFile()).map((e) => path.relative(dir, path.join(e.parentPath, e.name)));
  return new Map(await Promise.all(files.map(async (f) => [f, await readFile(path.join(dir, f))] as const)));
}
