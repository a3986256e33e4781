/**
 * A stateful local stand-in for GitHub's Releases REST API on 127.0.0.1, for the release
 * asset uploader: GET /repos/{o}/{r}/releases/tags/{tag}, POST /repos/{o}/{r}/releases,
 * POST to a release's `upload_url` (?name=), and GET /repos/{o}/{r}/releases/assets/{id}
 * (Accept: application/octet-stream gives the bytes). Release and asset objects start from
 * the release recorded by GitHub (@octokit/webhooks-examples). Uploading a name a release
 * already has answers 422 `already_exists`, as GitHub does. Assets carry `digest`
 * (`sha256:<hex>`) unless `withDigests` is false (assets uploaded before GitHub added it).
 */
import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { Octokit } from "octokit";

type Example = { name: string; examples: { release?: Record<string, unknown> }[] };
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Example[];
const recorded = examples.find((e) => e.name === "release")?.examples.find((e) => e.release)?.release ?? {};

/** An asset held by the stand-in. */
export interface StoredAsset {
  id: number;
  name: string;
  bytes: Buffer;
  state: "uploaded" | "starter";
  withDigest: boolean;
}

/** The stand-in and what it holds. */
export interface ReleasesStandIn {
  octokit: Octokit;
  url: string;
  /** `METHOD path` of every request, in order. */
  seen: string[];
  /** Assets by release tag. */
  releases: Map<string, StoredAsset[]>;
  /** Adds an asset to a release (created when missing), as if uploaded earlier. */
  put(
    tag: string,
    name: string,
    bytes: Buffer,
    options?: { withDigest?: boolean; state?: "uploaded" | "starter" },
  ): void;
  close(): Promise<void>;
}

/** Starts the stand-in for repository `owner/repo`. */
export async function startReleasesStandIn(
  owner: string,
  repo: string,
  { withDigests = true } = {},
): Promise<ReleasesStandIn> {
  const releases = new Map<string, StoredAsset[]>();
  const ids = new Map<string, number>();
  const seen: string[] = [];
  let next = 100;
  let base = "";
  const prefix = `/repos/${owner}/${repo}`;
  const releaseId = (tag: string) => ids.get(tag) ?? (ids.set(tag, ++next), next);
  const assetJson = (a: StoredAsset, tag: string) => ({
    id: a.id,
    name: a.name,
    label: null,
    state: a.state,
    size: a.bytes.length,
    content_type: "application/octet-stream",
    download_count: 0,
    ...(a.withDigest ? { digest: `sha256:${createHash("sha256").update(a.bytes).digest("hex")}` } : { digest: null }),
    url: `${base}${prefix}/releases/assets/${a.id}`,
    browser_download_url: `https://github.com/${owner}/${repo}/releases/download/${tag}/${encodeURIComponent(a.name)}`,
  });
  const releaseJson = (tag: string) => ({
    ...recorded,
    id: releaseId(tag),
    tag_name: tag,
    name: tag,
    draft: false,
    prerelease: false,
    upload_url: `${base}/uploads${prefix}/releases/${releaseId(tag)}/assets{?name,label}`,
    assets: (releases.get(tag) ?? []).map((a) => assetJson(a, tag)),
  });
  const put: ReleasesStandIn["put"] = (tag, name, bytes, options = {}) => {
    releaseId(tag);
    const list = releases.get(tag) ?? [];
    list.push({
      id: ++next,
      name,
      bytes,
      state: options.state ?? "uploaded",
      withDigest: options.withDigest ?? withDigests,
    });
    releases.set(tag, list);
  };
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url ?? "/", "http://127.0.0.1");
      seen.push(`${req.method} ${url.pathname}${url.search}`);
      const send = (status: number, body: unknown) => {
        res.writeHead(status, {
          "content-type": Buffer.isBuffer(body) ? "application/octet-stream" : "application/json",
        });
        res.end(Buffer.isBuffer(body) ? body : JSON.stringify(body));
      };
      const tagged = url.pathname.startsWith(`${prefix}/releases/tags/`)
        ? decodeURIComponent(url.pathname.slice(`${prefix}/releases/tags/`.length))
        : undefined;
      if (req.method === "GET" && tagged !== undefined)
        return releases.has(tagged) ? send(200, releaseJson(tagged)) : send(404, { message: "Not Found" });
      if (req.method === "POST" && url.pathname === `${prefix}/releases`) {
        const { tag_name: tag } = JSON.parse(Buffer.concat(chunks).toString("utf8")) as { tag_name: string };
        if (releases.has(tag))
          return send(422, {
            message: "Validation Failed",
            errors: [{ resource: "Release", code: "already_exists", field: "tag_name" }],
          });
        releases.set(tag, []);
        return send(201, releaseJson(tag));
      }
      const upload = new RegExp(`^/uploads${prefix}/releases/(\\d+)/assets$`).exec(url.pathname);
      if (req.method === "POST" && upload) {
        const tag = [...ids].find(([, id]) => id === Number(upload[1]))?.[0];
        const name = url.searchParams.get("name") ?? "";
        if (tag === undefined) return send(404, { message: "Not Found" });
        if ((releases.get(tag) ?? []).some((a) => a.name === name))
          return send(422, {
            message: "Validation Failed",
            errors: [{ resource: "ReleaseAsset", code: "already_exists", field: "name" }],
          });
        put(tag, name, Buffer.concat(chunks));
        const stored = releases.get(tag)?.at(-1);
        return stored ? send(201, assetJson(stored, tag)) : send(500, {});
      }
      const asset = new RegExp(`^${prefix}/releases/assets/(\\d+)$`).exec(url.pathname);
      if (req.method === "GET" && asset) {
        for (const [tag, list] of releases) {
          const found = list.find((a) => a.id === Number(asset[1]));
          if (found)
            return req.headers.accept === "application/octet-stream"
              ? send(200, found.bytes)
              : send(200, assetJson(found, tag));
        }
      }
      send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const octokit = new Octokit({ baseUrl: base, retry: { enabled: false }, throttle: { enabled: false } });
  return {
    octokit,
    url: base,
    seen,
    releases,
    put,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
