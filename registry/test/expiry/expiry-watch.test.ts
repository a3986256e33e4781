import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decideExpiryAlert } from "../../src/expiry/decide-expiry-alert.ts";
import { watchExpiry } from "../../src/github/watch-expiry.ts";
import { createOctokit } from "../../src/github/create-octokit.ts";
import { EXPIRY_ISSUE_MARKER } from "../../src/github/upsert-expiry-issue.ts";
import { formatUtcSeconds } from "../../src/index/publication.ts";
import type { TrustedKeys } from "../../src/signing/trusted-keys.ts";
import { createWorkspace, publish, type Workspace } from "../client/published-registry.ts";
import { tempRegistry } from "../temp-registry.ts";

const NOW = new Date("2026-12-06T05:41:00Z");
const inDays = (days: number) => formatUtcSeconds(new Date(NOW.getTime() + days * 86_400_000));

/** The parts of GitHub's REST API the watch uses: workflow runs, and issues it lists, opens and edits. */
async function fakeGitHub(lastRun: string) {
  const issues: { number: number; title: string; body: string; state: string }[] = [];
  const calls: string[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString()));
    req.on("end", () => {
      const url = new URL(req.url ?? "", "http://x");
      calls.push(`${req.method} ${url.pathname}`);
      const send = (status: number, data: unknown) =>
        res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(data));
      if (req.method === "GET" && url.pathname === "/repos/o/r/actions/workflows/publish.yml/runs") {
        return send(200, {
          total_count: 1,
          workflow_runs: [
            {
              id: 9,
              conclusion: lastRun,
              html_url: "https://github.com/o/r/actions/runs/9",
              created_at: "2026-11-30T04:23:00Z",
            },
          ],
        });
      }
      if (req.method === "GET" && url.pathname === "/repos/o/r/issues")
        return send(
          200,
          issues.filter((i) => i.state === "open"),
        );
      if (req.method === "POST" && url.pathname === "/repos/o/r/issues") {
        const issue = {
          number: issues.length + 1,
          state: "open",
          ...(JSON.parse(body) as { title: string; body: string }),
        };
        issues.push(issue);
        return send(201, issue);
      }
      const m = /^\/repos\/o\/r\/issues\/(\d+)$/.exec(url.pathname);
      const issue = m && issues.find((i) => i.number === Number(m[1]));
      if (req.method === "PATCH" && issue) return send(200, Object.assign(issue, JSON.parse(body) as object));
      return send(404, { message: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const octokit = createOctokit({
    baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    patient: false,
  });
  return { octokit, issues, calls, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

let ws: Workspace;
let trusted: TrustedKeys;
beforeAll(async () => {
  ws = await createWorkspace();
  trusted = { formatVersion: 1, keys: [{ keyId: ws.key.keyId, algorithm: "ed25519", publicKey: ws.key.publicKey }] };
});
afterAll(() => ws.cleanup());

async function liveIndexExpiringIn(days: number): Promise<string> {
  const { root } = await tempRegistry(["wordpress"]);
  return publish(await ws.folder(`live-${days}`), [ws.key], root, { serial: 50, expires: inDays(days) });
}

describe("expiry watch", () => {
  it("fires on an index expiring in 3 days after a failed re-sign: opens one issue, then updates it", async () => {
    const live = await liveIndexExpiringIn(3);
    const github = await fakeGitHub("failure");
    try {
      const first = await watchExpiry({
        location: live,
        trustedKeys: trusted,
        now: NOW,
        github: { octokit: github.octokit, repo: { owner: "o", repo: "r" }, publishWorkflow: "publish.yml" },
      });
      expect(first).toMatchObject({
        alert: true,
        issue: { number: 1, created: true },
        title: "The signed registry index (serial 50) expires in 3.0 days",
      });
      expect(github.issues[0]?.body).toContain(EXPIRY_ISSUE_MARKER);
      expect(github.issues[0]?.body).toContain("ended in **failure**: https://github.com/o/r/actions/runs/9");
      const again = await watchExpiry({
        location: live,
        trustedKeys: trusted,
        now: new Date(NOW.getTime() + 86_400_000),
        github: { octokit: github.octokit, repo: { owner: "o", repo: "r" }, publishWorkflow: "publish.yml" },
      });
      expect(again).toMatchObject({
        alert: true,
        issue: { number: 1, created: false },
        title: "The signed registry index (serial 50) expires in 2.0 days",
      });
      expect(github.issues).toHaveLength(1);
      expect(github.issues[0]?.title).toBe(again.title);
    } finally {
      await github.close();
    }
  });

  it("stays quiet on an index expiring in 10 days: no issue written", async () => {
    const live = await liveIndexExpiringIn(10);
    const github = await fakeGitHub("failure");
    try {
      const outcome = await watchExpiry({
        location: live,
        trustedKeys: trusted,
        now: NOW,
        github: { octokit: github.octokit, repo: { owner: "o", repo: "r" }, publishWorkflow: "publish.yml" },
      });
      expect(outcome).toMatchObject({ alert: false });
      expect(outcome.issue).toBeUndefined();
      expect(github.calls.filter((c) => c.includes("/issues"))).toEqual([]);
    } finally {
      await github.close();
    }
  });

  it("refuses an index not signed by a trusted key (the watch then fails)", async () => {
    const live = await liveIndexExpiringIn(10);
    await expect(
      watchExpiry({ location: live, trustedKeys: { formatVersion: 1, keys: [] }, now: NOW }),
    ).rejects.toThrow();
  });
});

describe("decideExpiryAlert", () => {
  const at = (days: number, conclusion?: string) =>
    decideExpiryAlert({
      expires: inDays(days),
      serial: 1,
      now: NOW,
      ...(conclusion ? { lastPublish: { conclusion, url: "u", createdAt: "c" } } : {}),
    }).alert;
  it("alerts under 4 days unless the re-sign succeeded, and always under 1 day or once expired", () => {
    expect([at(3), at(3, "failure"), at(3, "success"), at(3.99, "cancelled"), at(4.01), at(10, "failure")]).toEqual([
      true,
      true,
      false,
      true,
      false,
      false,
    ]);
    expect([at(0.5, "success"), at(-2, "success")]).toEqual([true, true]);
  });
});
