import { mkdir, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/create-octokit.ts";
import { githubReviewSource } from "../../src/github/github-review-source.ts";
import { startLocalHistory } from "../../src/git/local-history.ts";
import { collectReviewLedger, type ReviewSource } from "../../src/publish/collect-review-ledger.ts";
import { planReviewLedger } from "../../src/review/plan-review-ledger.ts";
import { readReviewLedger } from "../../src/publish/read-review-ledger.ts";
import type { ReviewRecord } from "../../src/review/review-record.ts";
import { schemaCheck } from "../../src/json/schemas.ts";
import { tempDir } from "../temp-registry.ts";
import { aFakeGitHub, webhookExample } from "./fake-repo.ts";
import type { FakeGitHub } from "./fake-github.ts";

const started: FakeGitHub[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const MERGE = "c4295bd74fb0f4fda03689c3df3f2803b658fd85";
const repo = { owner: "Codertocat", repo: "Hello-World" };

async function mergedOnFake(approvers: [string, string][]) {
  const { fake, pr } = aFakeGitHub(webhookExample("pull_request", "closed"));
  const stored = fake.state.pulls.get(pr.number);
  if (!stored) throw new Error("no pull request");
  Object.assign(stored.data, { state: "closed", merged_at: "2019-05-15T21:00:00Z", merge_commit_sha: MERGE });
  approvers.forEach(([login, at], i) =>
    stored.reviews.push({
      id: 900 + i,
      user: { login },
      state: "APPROVED",
      commit_id: pr.head.sha,
      submitted_at: at,
      body: "",
    }),
  );
  const octokit = createOctokit({ token: "t", baseUrl: await fake.start(), patient: false });
  started.push(fake);
  return githubReviewSource(octokit, repo);
}

describe("review facts read from GitHub for the ledger", () => {
  it("states an approved merge with its record, a merge the gate did not approve, and a commit without a pull request", async () => {
    const approved = await mergedOnFake([
      ["wp-lead", "2019-05-15T17:00:00Z"],
      ["biz-ann", "2019-05-15T18:00:00Z"],
      ["tech-cy", "2019-05-15T19:00:00Z"],
    ]);
    expect(await approved.pullRequestOf(MERGE)).toBe(2);
    expect(await approved.pullRequestOf("0".repeat(40))).toBeUndefined();
    const outcome = await approved.outcomeOf(2, MERGE);
    expect(outcome.gate).toBe("approved");
    expect(outcome.gate === "approved" && outcome.record.stages.map((s) => s.role)).toEqual([
      "isv",
      "business",
      "technical",
    ]);

    const bypassed = await mergedOnFake([["wp-lead", "2019-05-15T17:00:00Z"]]);
    expect(await bypassed.outcomeOf(2, MERGE)).toEqual({
      gate: "not-approved",
      pullRequest: 2,
      url: "https://github.com/Codertocat/Hello-World/pull/2",
      mergeCommit: MERGE,
      reason:
        "pull request #2 merged while the review gate said 'in-review'; stages not approved by the merge: business review, technical review",
    });
  });
});

describe("planReviewLedger", () => {
  it("keeps the adding commit and later changes per version file; deletion starts over", () => {
    const f = "apps/a/versions/helm/1.0.0.yaml";
    const plan = planReviewLedger([
      {
        sha: "c1",
        changes: [
          { path: f, status: "added" },
          { path: "apps/a/app.yaml", status: "added" },
        ],
      },
      { sha: "c2", changes: [{ path: f, status: "modified" }] },
      { sha: "c3", changes: [{ path: f, status: "deleted" }] },
      { sha: "c4", changes: [{ path: "apps/a/versions/helm/2.0.0.yaml", status: "added" }] },
      { sha: "c5", changes: [{ path: f, status: "added" }] },
      {
        sha: "c6",
        changes: [
          { path: f, status: "modified" },
          { path: "apps/a/versions/helm/2.0.0.yaml", status: "modified" },
        ],
      },
    ]);
    expect(Object.fromEntries(plan.versions)).toEqual({
      "a/helm/1.0.0": { added: "c5", changed: ["c6"] },
      "a/helm/2.0.0": { added: "c4", changed: ["c6"] },
    });
  });
});

/** A review record for pull request `n` merged as `sha`. */
const record = (n: number, sha: string): ReviewRecord => ({
  pullRequest: n,
  url: `https://github.com/o/r/pull/${n}`,
  mergeCommit: sha,
  mergedAt: "2026-05-04T09:00:00Z",
  fastPath: null,
  approved: true,
  state: "approved",
  reasons: [],
  stages: [
    {
      role: "technical",
      title: "technical review",
      complete: true,
      approvals: [{ login: "tech-cy", at: "2026-05-04T08:00:00Z", reviewId: n * 10, selfAttested: false, app: null }],
    },
  ],
});

describe("collectReviewLedger on a Git history", () => {
  it("gives each version the outcome of the merge that added it and of later merges; direct commits say there was no gate", async () => {
    const root = await tempDir();
    dirs.push(root);
    const history = await startLocalHistory(root);
    const put = async (file: string, text: string) => {
      await mkdir(path.dirname(path.join(root, file)), { recursive: true });
      await writeFile(path.join(root, file), text);
    };
    await put("apps/a/versions/helm/1.0.0.yaml", "status: released\n");
    const direct = await history.commitAll("direct", "adm", "2026-05-01T00:00:00Z");
    const merges = new Map<string, number>();
    const viaPullRequest = async (n: number, change: () => Promise<void>) => {
      await history.branch(`pr-${n}`);
      await change();
      await history.commitAll(`change ${n}`, "dev", "2026-05-02T00:00:00Z");
      await history.checkout("main");
      merges.set(await history.merge(`pr-${n}`, `Merge #${n}`), n);
    };
    await viaPullRequest(1, () => put("apps/a/versions/helm/2.0.0.yaml", "status: released\n"));
    await viaPullRequest(2, () => put("apps/a/versions/helm/1.0.0.yaml", "status: suspended\n"));
    const source: ReviewSource = {
      pullRequestOf: async (sha) => merges.get(sha),
      outcomeOf: async (n, sha) =>
        n === 2
          ? {
              gate: "not-approved",
              pullRequest: 2,
              url: "https://github.com/o/r/pull/2",
              mergeCommit: sha,
              reason: "merged while the gate said 'in-review'",
            }
          : { gate: "approved", record: record(n, sha) },
    };
    const ledger = await collectReviewLedger(root, "main", source);
    expect(schemaCheck("reviews")(ledger)).toEqual([]);
    const [m1, m2] = [...merges.keys()];
    expect(ledger.versions).toEqual({
      "a/helm/1.0.0": {
        release: { gate: "none", commit: direct, reason: "committed to the base branch without a pull request" },
        changes: [
          {
            gate: "not-approved",
            pullRequest: 2,
            url: "https://github.com/o/r/pull/2",
            mergeCommit: m2,
            reason: "merged while the gate said 'in-review'",
          },
        ],
      },
      "a/helm/2.0.0": { release: { gate: "approved", record: record(1, m1 ?? "") }, changes: [] },
    });
  });

  it("stops when GitHub cannot be read, rather than publishing a version as unreviewed", async () => {
    const root = await tempDir();
    dirs.push(root);
    const history = await startLocalHistory(root);
    await mkdir(path.join(root, "apps/a/versions/helm"), { recursive: true });
    await writeFile(path.join(root, "apps/a/versions/helm/1.0.0.yaml"), "x\n");
    await history.commitAll("c", "a", "2026-05-01T00:00:00Z");
    const down: ReviewSource = {
      pullRequestOf: () => Promise.reject(new Error("HTTP 502")),
      outcomeOf: () => Promise.reject(new Error("unused")),
    };
    await expect(collectReviewLedger(root, "main", down)).rejects.toThrow("HTTP 502");
  });
});

describe("readReviewLedger", () => {
  it("refuses a ledger that does not match its schema, naming the file", async () => {
    const dir = await tempDir();
    dirs.push(dir);
    const file = path.join(dir, "reviews.json");
    await writeFile(
      file,
      JSON.stringify({
        formatVersion: 1,
        versions: { "a/helm/1.0.0": { release: { gate: "approved" }, changes: [] } },
      }),
    );
    await expect(readReviewLedger(file)).rejects.toThrow(`${file} does not match schema/reviews.schema.json`);
  });
});
