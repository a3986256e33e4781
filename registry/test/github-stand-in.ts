/**
 * A local stand-in for GitHub's REST API on 127.0.0.1, answering
 * GET /repos/{owner}/{repo}/releases/tags/{tag} with a release object recorded by GitHub
 * (@octokit/webhooks-examples) whose assets are set per test; everything else is a 404.
 */
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { Octokit } from "octokit";

type Example = { name: string; examples: { release?: Record<string, unknown> }[] };
const examples = createRequire(import.meta.url)("@octokit/webhooks-examples/api.github.com/index.json") as Example[];
const recorded = examples.find((e) => e.name === "release")?.examples.find((e) => e.release)?.release;

/** A recorded release object with another tag and assets (name -> download count). */
export function releaseWith(tag: string, assets: Record<string, number>): Record<string, unknown> {
  if (!recorded) throw new Error("@octokit/webhooks-examples holds no release example");
  return {
    ...recorded,
    tag_name: tag,
    assets: Object.entries(assets).map(([name, count], i) => ({ id: i + 1, name, download_count: count, state: "uploaded", size: 1000, content_type: "application/gzip" })),
  };
}

export interface GitHubStandIn {
  /** Octokit pointed at the stand-in, retries and throttling off. */
  octokit: Octokit;
  /** Request paths in order. */
  seen: string[];
  close(): Promise<void>;
}

/** Serves `releases` (API path -> release object) until closed. */
export async function startGitHubStandIn(releases: Record<string, Record<string, unknown>>): Promise<GitHubStandIn> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    const body = releases[req.url ?? ""];
    res.writeHead(body ? 200 : 404, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body ?? { message: "Not Found", documentation_url: "https://docs.github.com/rest" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const octokit = new Octokit({ baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, retry: { enabled: false }, throttle: { enabled: false } });
  return { octokit, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
