/**
 * A local stand-in for GitHub's REST API on 127.0.0.1, answering
 * GET /repos/{owner}/{repo}/releases/tags/{tag} with a release object recorded by GitHub
 * (@octokit/webhooks-examples) whose assets are set per test, and, when given a GraphQL
 * handler, POST /graphql with what it answers; everything else is a 404.
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
    assets: Object.entries(assets).map(([name, count], i) => ({
      id: i + 1,
      name,
      download_count: count,
      state: "uploaded",
      size: 1000,
      content_type: "application/gzip",
    })),
  };
}

export interface GitHubStandIn {
  /** Octokit pointed at the stand-in, retries and throttling off. */
  octokit: Octokit;
  /** Its base URL (`GITHUB_API_URL` for scripts). */
  url: string;
  /** Request paths in order. */
  seen: string[];
  close(): Promise<void>;
}

/** Answers one GraphQL request (`{ query, variables }`) with a GraphQL response body (`{ data }` and/or `{ errors }`). */
export type GraphqlHandler = (request: { query: string; variables: Record<string, unknown> }) => unknown;

/** Serves `releases` (API path -> release object), and GraphQL through `graphql` when given, until closed. */
export async function startGitHubStandIn(
  releases: Record<string, Record<string, unknown>>,
  graphql?: GraphqlHandler,
): Promise<GitHubStandIn> {
  const seen: string[] = [];
  const server = createServer((req, res) => {
    seen.push(req.url ?? "");
    if (graphql && req.method === "POST" && req.url === "/graphql") {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        const body = graphql(
          JSON.parse(Buffer.concat(chunks).toString("utf8")) as { query: string; variables: Record<string, unknown> },
        );
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify(body));
      });
      return;
    }
    const body = releases[req.url ?? ""];
    res.writeHead(body ? 200 : 404, { "Content-Type": "application/json" });
    res.end(JSON.stringify(body ?? { message: "Not Found", documentation_url: "https://docs.github.com/rest" }));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const octokit = new Octokit({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    retry: { enabled: false },
    throttle: { enabled: false },
  });
  return {
    octokit,
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    seen,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
