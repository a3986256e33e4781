import { afterEach, describe, expect, it } from "vitest";
import { createOctokit } from "../../src/github/create-octokit.ts";
import { targetOfEvent } from "../../src/github/review-event.ts";
import { runReviewGateFor } from "../../src/github/run-review-gate.ts";
import { COMMENT_MARKER } from "../../src/review/render-comment.ts";
import { packZip } from "../inspect/nextcloud-archives.ts";
import { aFakeGitHub, aPrResult, webhookExample, type PayloadPull } from "./fake-repo.ts";
import type { FakeGitHub } from "./fake-github.ts";

// The shell end to end: real webhook payloads from @octokit/webhooks-examples pick the
// pull request; octokit talks HTTP to a fake GitHub on 127.0.0.1; the exact write
// requests are asserted. The clock is passed in (the payload's day, within every target).
const NOW = new Date("2019-05-15T20:00:00Z");
const started: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

async function setUp(policyText?: string) {
  const opened = webhookExample("pull_request", "opened");
  const { fake, pr } = aFakeGitHub(opened, policyText);
  const baseUrl = await fake.start();
  started.push(fake);
  const octokit = createOctokit({ token: "test-token", baseUrl, patient: false });
  const repo = { owner: "Codertocat", repo: "Hello-World" };
  const gate = (event: string, payload: unknown) =>
    runReviewGateFor({ octokit, repo, now: NOW, dryRun: false }, targetOfEvent(event, payload));
  return { fake, pr, opened, gate };
}

/** GitHub's side of a submitted review: the review is stored and its author's request is dropped. */
function submitReview(
  fake: FakeGitHub,
  pr: PayloadPull,
  payload: Record<string, unknown>,
  user: string,
  state: "APPROVED" | "CHANGES_REQUESTED",
  at: string,
): Record<string, unknown> {
  const review = {
    ...(payload.review as Record<string, unknown>),
    user: { login: user, type: "User" },
    state: state.toLowerCase(),
    commit_id: pr.head.sha,
    submitted_at: at,
  };
  const stored = fake.state.pulls.get(pr.number);
  stored?.reviews.push({ ...review, id: (stored.reviews.length + 1) * 1000 + 71, state });
  if (stored) stored.data.requested_reviewers = stored.data.requested_reviewers.filter((u) => u.login !== user);
  return { ...payload, review };
}

const R = "/repos/Codertocat/Hello-World";

describe("review gate shell against a fake GitHub REST API", () => {
  it("pull_request_target opened: labels, asks the other maintainer, posts the comment, sets a pending status; reads policy and maintainers from the base branch", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const [run] = await gate("pull_request_target", opened);
    expect(run?.decision?.state).toBe("in-review");
    expect(fake.writes()).toEqual([
      {
        method: "POST",
        path: `${R}/issues/2/labels`,
        body: { labels: ["kind:new-app", "review:in-review", "stage:isv"] },
      },
      {
        method: "POST",
        path: `${R}/pulls/2/requested_reviewers`,
        body: { reviewers: ["wp-lead"], team_reviewers: [] },
      },
      {
        method: "POST",
        path: `${R}/issues/2/comments`,
        body: {
          body: expect.stringMatching(
            new RegExp(`^${COMMENT_MARKER}\\n## Review: In review, stage 1 of 3: provider \\(ISV\\) review`),
          ),
        },
      },
      {
        method: "POST",
        path: `${R}/statuses/${pr.head.sha}`,
        body: {
          state: "pending",
          context: "appshelf/review",
          description: "stage 1/3: provider (ISV) review",
          target_url: pr.html_url,
        },
      },
    ]);
    const contentReads = fake.requests
      .filter((r) => r.path.includes("/contents/"))
      .map((r) => decodeURIComponent(r.path));
    expect(contentReads).toEqual([
      `${R}/contents/.github/appshelf/review-policy.yaml?ref=${pr.base.ref}`,
      `${R}/contents/apps/wordpress/app.yaml?ref=${pr.base.ref}`,
      `${R}/contents/apps/wordpress/app.yaml?ref=${pr.head.sha}`,
    ]);
  });

  it("pull_request_review submitted: the next stage's team is asked, the same comment is edited (not posted again), the status moves on; a re-run changes nothing", async () => {
    const { fake, pr, opened, gate } = await setUp();
    await gate("pull_request_target", opened);
    const commentId = fake.state.pulls.get(2)?.comments[0]?.id;
    fake.requests.length = 0;
    const approved = submitReview(
      fake,
      pr,
      webhookExample("pull_request_review", "submitted"),
      "wp-lead",
      "APPROVED",
      "2019-05-15T17:00:00Z",
    );
    await gate("pull_request_review", approved);
    expect(fake.writes()).toEqual([
      { method: "POST", path: `${R}/issues/2/labels`, body: { labels: ["stage:business"] } },
      { method: "DELETE", path: `${R}/issues/2/labels/stage%3Aisv` },
      {
        method: "POST",
        path: `${R}/pulls/2/requested_reviewers`,
        body: { reviewers: [], team_reviewers: ["business-reviewers"] },
      },
      {
        method: "PATCH",
        path: `${R}/issues/comments/${commentId}`,
        body: { body: expect.stringContaining("stage 2 of 3: business review") },
      },
      {
        method: "POST",
        path: `${R}/statuses/${pr.head.sha}`,
        body: {
          state: "pending",
          context: "appshelf/review",
          description: "stage 2/3: business review",
          target_url: pr.html_url,
        },
      },
    ]);
    expect(fake.state.pulls.get(2)?.comments).toHaveLength(1);
    fake.requests.length = 0;
    await gate("pull_request_review", approved);
    expect(fake.writes()).toEqual([]);
  });

  it("all stages approved with auto-merge on: success status and the GraphQL auto-merge mutation", async () => {
    const { readFileSync } = await import("node:fs");
    const path = await import("node:path");
    const { REPO_ROOT } = await import("../temp-registry.ts");
    const policy = readFileSync(path.join(REPO_ROOT, ".github/appshelf/review-policy.yaml"), "utf8").replace(
      "  autoMerge: false\n\nfastPaths",
      "  autoMerge: true\n\nfastPaths",
    );
    expect(policy).toContain("  autoMerge: true");
    const { fake, pr, opened, gate } = await setUp(policy);
    const example = webhookExample("pull_request_review", "submitted");
    submitReview(fake, pr, example, "wp-lead", "APPROVED", "2019-05-15T17:00:00Z");
    submitReview(fake, pr, example, "biz-ann", "APPROVED", "2019-05-15T18:00:00Z");
    submitReview(fake, pr, example, "tech-cy", "APPROVED", "2019-05-15T19:00:00Z");
    const [run] = await gate("pull_request_target", opened);
    expect(run?.decision?.state).toBe("approved");
    const writes = fake.writes();
    expect(writes.find((w) => w.path.includes("/statuses/"))?.body).toEqual({
      state: "success",
      context: "appshelf/review",
      description: "approved: isv, business, technical",
      target_url: pr.html_url,
    });
    expect(writes.at(-1)).toEqual({
      method: "POST",
      path: "/graphql",
      body: { query: expect.stringContaining("enablePullRequestAutoMerge"), variables: { pullRequestId: pr.node_id } },
    });
    expect(writes.some((w) => w.path.endsWith("/requested_reviewers"))).toBe(false);
  });

  it("changes requested: failure status with the reviewer named, the reviewer's words in the comment", async () => {
    const { fake, pr, gate } = await setUp();
    const example = webhookExample("pull_request_review", "submitted");
    submitReview(fake, pr, example, "wp-lead", "APPROVED", "2019-05-15T17:00:00Z");
    const requested = submitReview(fake, pr, example, "biz-ann", "CHANGES_REQUESTED", "2019-05-15T18:00:00Z");
    const stored = fake.state.pulls.get(2)?.reviews.at(-1);
    if (stored) stored.body = "Link the publisher's real site.";
    await gate("pull_request_review", requested);
    const writes = fake.writes();
    expect(writes.find((w) => w.path.includes("/statuses/"))?.body).toMatchObject({
      state: "failure",
      description: "changes requested by @biz-ann (business review)",
    });
    expect((writes.find((w) => w.path.endsWith("/comments"))?.body as { body: string }).body).toContain(
      "> Link the publisher's real site.",
    );
  });

  it("a review on a pull request from a fork runs with a read-only token: judged, nothing written", async () => {
    const { fake, pr, gate } = await setUp();
    const approved = submitReview(
      fake,
      pr,
      webhookExample("pull_request_review", "submitted"),
      "wp-lead",
      "APPROVED",
      "2019-05-15T17:00:00Z",
    );
    const fromFork = structuredClone(approved) as { pull_request: { head: { repo: { full_name: string } } } };
    fromFork.pull_request.head.repo.full_name = "someone/Hello-World";
    const [run] = await gate("pull_request_review", fromFork);
    expect(run?.dryRun).toBe(true);
    expect(run?.decision?.stage?.role).toBe("business");
    expect(fake.writes()).toEqual([]);
  });

  it("the check still running: waiting, nobody asked yet", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const run77 = fake.state.runs[0];
    if (run77) Object.assign(run77, { status: "in_progress", conclusion: null });
    await gate("pull_request_target", opened);
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      `POST ${R}/issues/2/labels`,
      `POST ${R}/issues/2/comments`,
      `POST ${R}/statuses/${pr.head.sha}`,
    ]);
    expect(fake.writes()[0]?.body).toEqual({ labels: ["review:checking"] });
  });

  it("a maintainer who is not a collaborator cannot be asked (422): logged, the comment and status still go out", async () => {
    const { fake, opened, gate } = await setUp();
    fake.state.notCollaborators.add("wp-lead");
    const [run] = await gate("pull_request_target", opened);
    expect(run?.applied.filter((a) => a.failed).map((a) => a.summary)).toEqual(["request reviews from wp-lead"]);
    expect(fake.writes().map((w) => w.method + " " + w.path.split("/").slice(-1)[0])).toEqual([
      "POST labels",
      "POST requested_reviewers",
      "POST comments",
      expect.stringMatching(/^POST [0-9a-f]{40}$/),
    ]);
  });

  it("more changed files than GitHub lists (over 3000): the gate refuses to judge and sets appshelf/review to failure with the reason", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const stored = fake.state.pulls.get(2);
    if (stored) stored.data.changed_files = 3001;
    const [run] = await gate("pull_request_target", opened);
    expect(run?.error).toContain("pull request #2 changes 3001 files but GitHub lists only 2");
    expect(fake.writes()).toEqual([
      {
        method: "POST",
        path: `${R}/statuses/${pr.head.sha}`,
        body: {
          state: "failure",
          context: "appshelf/review",
          description: expect.stringMatching(
            /^review gate could not decide: pull request #2 changes 3001 files but GitHub lists only 2/,
          ),
          target_url: pr.html_url,
        },
      },
    ]);
  });

  it("a result file that is not a pr-check result is not trusted: still waiting for the check", async () => {
    const { fake, opened, gate } = await setUp();
    const { packZip } = await import("../inspect/nextcloud-archives.ts");
    fake.state.artifacts.set(77, [
      {
        id: 88,
        name: "pr-check",
        expired: false,
        zip: packZip(new Map([["pr-check.json", Buffer.from('{"version":1,"ok":true}')]])),
      },
    ]);
    const [run] = await gate("pull_request_target", opened);
    expect(run?.decision?.state).toBe("checking");
    expect(run?.decision?.reasons.join(" ")).toContain("could not be read");
  });
});

describe("review gate shell: untrusted data, fail closed, timeline and co-authors", () => {
  it("an untrusted result (the workflow changed) claiming no kinds for a new app folder: stages come from GitHub's file list, union with admin", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const stored = fake.state.pulls.get(2);
    if (!stored) throw new Error("no pull request");
    stored.files = [
      { filename: ".github/workflows/pull-request.yml", status: "modified" },
      { filename: "apps/evil/app.yaml", status: "added" },
      { filename: "apps/evil/versions/helm/1.0.0.yaml", status: "added" },
    ];
    stored.data.changed_files = 3;
    fake.state.contents.set(`apps/evil/app.yaml@${pr.head.sha}`, "id: evil\nmaintainers: [Codertocat, mallory]\n");
    const forged = { ...aPrResult(pr), kinds: [], apps: [{ id: "evil", kinds: [], versions: [] }], versions: [] };
    fake.state.artifacts.set(77, [
      {
        id: 88,
        name: "pr-check",
        expired: false,
        zip: packZip(new Map([["pr-check.json", Buffer.from(JSON.stringify(forged))]])),
      },
    ]);
    const example = webhookExample("pull_request_review", "submitted");
    submitReview(fake, pr, example, "adm-ed", "APPROVED", "2019-05-15T17:00:00Z");
    submitReview(fake, pr, example, "adm-flo", "APPROVED", "2019-05-15T18:00:00Z");
    const [run] = await gate("pull_request_target", opened);
    expect(run?.decision?.kinds).toEqual(["new-app", "registry-change"]);
    expect(run?.decision?.stages.map((s) => s.role)).toEqual(["isv", "business", "technical", "admin"]);
    expect(fake.writes().find((w) => w.path.includes("/statuses/"))?.body).toMatchObject({
      state: "pending",
      description: "stage 1/4: provider (ISV) review",
    });
    expect(run?.decision?.reasons.join(" ")).toContain(
      "its change kinds come from GitHub's file list as well (new-app, registry-change)",
    );
  });

  it("a team that cannot be read: appshelf/review turns from success to failure, naming the team", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const example = webhookExample("pull_request_review", "submitted");
    for (const [login, at] of [
      ["wp-lead", "17"],
      ["biz-ann", "18"],
      ["tech-cy", "19"],
    ] as const)
      submitReview(fake, pr, example, login, "APPROVED", `2019-05-15T${at}:00:00Z`);
    const [approved] = await gate("pull_request_target", opened);
    expect(approved?.decision?.status.state).toBe("success");
    fake.state.teams.delete("appshelf/technical-reviewers");
    fake.requests.length = 0;
    const [run] = await gate("pull_request_target", opened);
    expect(run?.error).toContain("cannot read the members of team appshelf/technical-reviewers");
    expect(fake.writes()).toEqual([
      {
        method: "POST",
        path: `${R}/statuses/${pr.head.sha}`,
        body: {
          state: "failure",
          context: "appshelf/review",
          description: expect.stringMatching(
            /^review gate could not decide: cannot read the members of team appshelf\/technical-reviewers \(HTTP 404\)/,
          ),
          target_url: pr.html_url,
        },
      },
    ]);
  });

  it("reads the timeline: a draft never marked ready stays a draft with reviews; converted back after a review it is withdrawn", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const stored = fake.state.pulls.get(2);
    if (!stored) throw new Error("no pull request");
    stored.data.draft = true;
    submitReview(
      fake,
      pr,
      webhookExample("pull_request_review", "submitted"),
      "wp-lead",
      "APPROVED",
      "2019-05-15T17:00:00Z",
    );
    const [draft] = await gate("pull_request_target", opened);
    expect(draft?.snapshot?.pullRequest.timeline).toEqual([]);
    expect(draft?.decision?.state).toBe("draft");
    stored.events.push(
      { event: "ready_for_review", created_at: "2019-05-15T16:00:00Z" },
      { event: "labeled", created_at: "2019-05-15T16:30:00Z" },
      { event: "convert_to_draft", created_at: "2019-05-15T18:00:00Z" },
    );
    const [withdrawn] = await gate("pull_request_target", opened);
    expect(withdrawn?.snapshot?.pullRequest.timeline).toEqual([
      { event: "ready_for_review", at: "2019-05-15T16:00:00Z" },
      { event: "convert_to_draft", at: "2019-05-15T18:00:00Z" },
    ]);
    expect(withdrawn?.decision?.state).toBe("withdrawn");
  });

  it("reads Co-authored-by trailers and unlinked commit e-mails: a co-author's approval never counts; unknown people are named", async () => {
    const { fake, pr, opened, gate } = await setUp();
    const stored = fake.state.pulls.get(2);
    if (!stored) throw new Error("no pull request");
    stored.commits = [
      {
        sha: pr.head.sha,
        author: { login: pr.user.login },
        commit: {
          message:
            "Add WordPress\n\nCo-authored-by: Lead <12345+wp-lead@users.noreply.github.com>\nCo-authored-by: Helper <helper@example.org>",
          author: { name: "Codertocat", email: "c@example.org" },
        },
      },
      {
        sha: "1".repeat(40),
        author: null,
        commit: { message: "Fix typo", author: { name: "Night Owl", email: "owl@example.org" } },
      },
    ];
    submitReview(
      fake,
      pr,
      webhookExample("pull_request_review", "submitted"),
      "wp-lead",
      "APPROVED",
      "2019-05-15T17:00:00Z",
    );
    const [run] = await gate("pull_request_target", opened);
    expect(run?.snapshot).toMatchObject({
      commitAuthors: ["Codertocat"],
      coAuthors: ["wp-lead"],
      unknownContributors: ["Helper <helper@example.org>", "Night Owl <owl@example.org>"],
    });
    expect(run?.decision?.ignored).toEqual([{ login: "wp-lead", reviewId: expect.any(Number), reason: "co-author" }]);
    expect(run?.decision?.comment).toContain("whom no GitHub account is linked to");
  });
});

describe("which pull requests an event asks for (real payloads)", () => {
  it("pull_request and review events: their pull request; closed ones are skipped", () => {
    expect(targetOfEvent("pull_request_target", webhookExample("pull_request", "opened"))).toEqual({
      kind: "pull-request",
      number: 2,
      readOnly: false,
    });
    expect(targetOfEvent("pull_request_target", webhookExample("pull_request", "closed"))).toEqual({
      kind: "skip",
      reason: "pull request #2 is closed",
    });
    expect(targetOfEvent("pull_request_review", webhookExample("pull_request_review", "dismissed"))).toEqual({
      kind: "pull-request",
      number: 2,
      readOnly: false,
    });
  });

  it("workflow_run: the run's pull request, or its head when GitHub lists none (forks)", () => {
    const completed = webhookExample("workflow_run", "completed") as {
      workflow_run: { head_sha: string; head_branch: string };
    };
    expect(targetOfEvent("workflow_run", completed)).toEqual({
      kind: "head",
      owner: "octo-org",
      branch: completed.workflow_run.head_branch,
      sha: completed.workflow_run.head_sha,
    });
    expect(targetOfEvent("schedule", {})).toEqual({ kind: "all-open" });
    expect(targetOfEvent("push", {})).toMatchObject({ kind: "skip" });
  });
});
