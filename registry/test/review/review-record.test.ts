import { readFile } from "node:fs/promises";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/create-octokit.ts";
import { findMergedPullRequest, readReviewRecord } from "../../src/github/read-review-record.ts";
import { REPO_ROOT } from "../temp-registry.ts";
import { aFakeGitHub, webhookExample } from "./fake-repo.ts";
import type { FakeGitHub } from "./fake-github.ts";

const started: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

/** A merged pull request from the real `pull_request.closed` payload, reviewed by all three stages. */
async function mergedPullRequest(approvers: [string, string][]) {
  const closed = webhookExample("pull_request", "closed");
  const { fake, pr } = aFakeGitHub(closed);
  const stored = fake.state.pulls.get(pr.number);
  if (!stored) throw new Error("no pull request");
  Object.assign(stored.data, {
    state: "closed",
    merged_at: "2019-05-15T21:00:00Z",
    merge_commit_sha: "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
  });
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
  return { octokit, pr };
}

const repo = { owner: "Codertocat", repo: "Hello-World" };

describe("review record of a merged pull request (read from GitHub)", () => {
  it("each stage's approver and time, the pull request and the merge commit; schema-valid", async () => {
    const { octokit } = await mergedPullRequest([
      ["wp-lead", "2019-05-15T17:00:00Z"],
      ["biz-ann", "2019-05-15T18:00:00Z"],
      ["tech-cy", "2019-05-15T19:00:00Z"],
    ]);
    expect(await findMergedPullRequest(octokit, repo, "c4295bd74fb0f4fda03689c3df3f2803b658fd85")).toBe(2);
    const record = await readReviewRecord(octokit, repo, 2);
    expect(record).toEqual({
      pullRequest: 2,
      url: "https://github.com/Codertocat/Hello-World/pull/2",
      mergeCommit: "c4295bd74fb0f4fda03689c3df3f2803b658fd85",
      mergedAt: "2019-05-15T21:00:00Z",
      fastPath: null,
      approved: true,
      state: "approved",
      reasons: [],
      stages: [
        {
          role: "isv",
          title: "provider (ISV) review",
          complete: true,
          approvals: [
            { login: "wp-lead", at: "2019-05-15T17:00:00Z", reviewId: 900, selfAttested: false, app: "wordpress" },
          ],
        },
        {
          role: "business",
          title: "business review",
          complete: true,
          approvals: [{ login: "biz-ann", at: "2019-05-15T18:00:00Z", reviewId: 901, selfAttested: false, app: null }],
        },
        {
          role: "technical",
          title: "technical review",
          complete: true,
          approvals: [{ login: "tech-cy", at: "2019-05-15T19:00:00Z", reviewId: 902, selfAttested: false, app: null }],
        },
      ],
    });
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(
      JSON.parse(await readFile(path.join(REPO_ROOT, "schema/review-record.schema.json"), "utf8")) as object,
    );
    expect(validate(record), JSON.stringify(validate.errors)).toBe(true);
  });

  it("a pull request merged without passing the gate is recorded as unapproved, with what was missing", async () => {
    const { octokit } = await mergedPullRequest([["wp-lead", "2019-05-15T17:00:00Z"]]);
    const record = await readReviewRecord(octokit, repo, 2);
    expect(record).toMatchObject({
      approved: false,
      state: "in-review",
      reasons: [
        "merged while the review gate said 'in-review'",
        "stages not approved by the merge: business review, technical review",
      ],
    });
    expect(record.stages.map((s) => [s.role, s.complete, s.approvals.map((a) => a.login)])).toEqual([
      ["isv", true, ["wp-lead"]],
      ["business", false, []],
      ["technical", false, []],
    ]);
  });

  it("approvals given after the merge count for nothing: a later approval never cleans up the record", async () => {
    const { octokit } = await mergedPullRequest([
      ["wp-lead", "2019-05-15T17:00:00Z"],
      ["biz-ann", "2019-05-15T18:00:00Z"],
      ["tech-cy", "2019-05-16T09:00:00Z"],
    ]);
    const record = await readReviewRecord(octokit, repo, 2);
    expect(record).toMatchObject({ approved: false, state: "in-review" });
    expect(record.stages.find((s) => s.role === "technical")).toMatchObject({ complete: false, approvals: [] });
    expect(JSON.stringify(record)).not.toContain("tech-cy");
  });
});
