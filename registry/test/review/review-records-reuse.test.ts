import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startLocalHistory, type LocalHistory } from "../../src/git/local-history.ts";
import { reusableOutcomes } from "../../src/publish/reuse-review-outcomes.ts";
import type { ReviewLedger } from "../../src/review/version-review.ts";
import { runAppshelf } from "../run-appshelf.ts";
import { CORPUS, tempDir, tempRegistry } from "../temp-registry.ts";
import { openRegistry } from "../../src/client/open-registry.ts";
import { verifyRegistry } from "../../src/client/verify-registry.ts";
import { buildRegistry } from "../../src/index/build-registry.ts";
import type { RegistryIndex } from "../../src/index/index-types.ts";
import { readPreviousReviews } from "../../src/publish/read-previous-reviews.ts";
import { indexBuildInput } from "../../src/run/index-input.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { generateSigningKey } from "../../src/signing/signing-keys.ts";
import type { FakeGitHub, FakePull } from "./fake-github.ts";
import { packZip } from "../inspect/nextcloud-archives.ts";
import { aFakeGitHub, aPrResult, webhookExample } from "./fake-repo.ts";
import { trustedKeysOf } from "../trusted-keys-of.ts";

const started: FakeGitHub[] = [];
const dirs: string[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
  await Promise.all(dirs.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

const REPO = "Codertocat/Hello-World";

/** A Git registry whose versions come from merged pull requests, and a fake GitHub holding those pull requests. */
async function mergedHistory() {
  const root = await tempDir();
  dirs.push(root);
  const history = await startLocalHistory(root);
  await writeFile(path.join(root, "README.md"), "registry\n");
  await history.commitAll("start", "adm", "2026-05-01T00:00:00Z");
  const { fake, pr } = aFakeGitHub(webhookExample("pull_request", "closed"));
  const template = fake.state.pulls.get(pr.number);
  if (!template) throw new Error("no pull request");
  fake.state.pulls.clear();
  const url = await fake.start();
  started.push(fake);
  /** Merges pull request `n` adding `version` of wordpress, and makes GitHub know it as merged with two approvals. */
  const merge = async (n: number, version: string): Promise<string> => {
    await history.branch(`pr-${n}`);
    const file = path.join(root, `apps/wordpress/versions/helm/${version}.yaml`);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, "status: released\n");
    await history.commitAll(`add ${version}`, "dev", "2026-05-02T00:00:00Z");
    await history.checkout("main");
    const sha = await history.merge(`pr-${n}`, `Merge #${n}`);
    // Each pull request has its own head commit, passed check (run 70+n, artifact 80+n) and approvals.
    const head = String(n).repeat(40);
    const pull: FakePull = structuredClone(template);
    Object.assign(pull.data, {
      number: n,
      html_url: `https://github.com/${REPO}/pull/${n}`,
      head: { ...pull.data.head, sha: head },
      state: "closed",
      merged_at: "2026-05-02T09:00:00Z",
      merge_commit_sha: sha,
    });
    pull.commits = [{ sha: head, author: { login: pr.user.login } }];
    fake.state.contents.set(
      `apps/wordpress/app.yaml@${head}`,
      fake.state.contents.get(`apps/wordpress/app.yaml@${pr.head.sha}`) ?? "",
    );
    const run = fake.state.runs.find((r) => r.id === 77);
    if (!run) throw new Error("no check run");
    fake.state.runs.push({
      ...run,
      id: 70 + n,
      head_sha: head,
      pull_requests: [{ number: n, base: { ref: pr.base.ref }, head: { sha: head } }],
    });
    const result = aPrResult({ ...pr, number: n, head: { ...pr.head, sha: head } });
    fake.state.artifacts.set(70 + n, [
      {
        id: 80 + n,
        name: "pr-check",
        expired: false,
        zip: packZip(new Map([["pr-check.json", Buffer.from(JSON.stringify(result))]])),
      },
    ]);
    ["wp-lead", "biz-ann", "tech-cy"].forEach((login, i) =>
      pull.reviews.push({
        id: n * 10 + i,
        user: { login },
        state: "APPROVED",
        commit_id: head,
        submitted_at: `2026-05-02T0${6 + i}:00:00Z`,
        body: "",
      }),
    );
    fake.state.pulls.set(n, pull);
    return sha;
  };
  const env = { ...process.env, GITHUB_API_URL: url, GITHUB_TOKEN: "t", GITHUB_REPOSITORY: REPO };
  const records = (out: string, ...more: string[]) =>
    runAppshelf(["review-records", "--root", root, "--ref", "main", "--out", out, ...more], { env });
  return { root, history, fake, merge, records };
}

/** The requests the fake saw since `from`, as `METHOD path`. */
const seenSince = (fake: FakeGitHub, from: number) => fake.requests.slice(from).map((r) => `${r.method} ${r.path}`);

describe("review-records reuses the previous publish's review ledger", () => {
  it("asks GitHub only about the new merge; a corrupt previous ledger falls back to reading everything, and says so", async () => {
    const { root, fake, merge, records } = await mergedHistory();
    const m1 = await merge(2, "27.0.0");
    const first = path.join(root, "..", `${path.basename(root)}-reviews-1.json`);
    dirs.push(first);
    const one = await records(first);
    expect(one.stderr + one.stdout).toContain("Wrote");
    expect(one.code).toBe(0);
    const firstRequests = seenSince(fake, 0);
    expect(firstRequests).toContain(`GET /repos/${REPO}/commits/${m1}/pulls`);
    const ledger1 = JSON.parse(await readFile(first, "utf8")) as ReviewLedger;
    expect(ledger1.versions["wordpress/helm/27.0.0"]?.release).toMatchObject({ gate: "approved" });

    // A second merge: the next publish reads only pull request #3; #2's outcome comes from the previous ledger.
    const m2 = await merge(3, "27.0.1");
    const second = `${first}-2.json`;
    dirs.push(second);
    const before = fake.requests.length;
    const two = await records(second, "--previous", first);
    expect(two.code).toBe(0);
    expect(two.stdout).toContain("1 outcome reused");
    const secondRequests = seenSince(fake, before);
    // Exactly the requests the first run made for its one merge, now for the new one.
    const forThree = (r: string) =>
      r
        .replaceAll(m1, m2)
        .replaceAll("2".repeat(40), "3".repeat(40))
        .replace(/\/(pulls|issues)\/2(?=\/|$|\?)/, "/$1/3")
        .replace("/runs/72/", "/runs/73/")
        .replace("/artifacts/82/", "/artifacts/83/");
    expect(secondRequests).toEqual(firstRequests.map(forThree));
    const ledger2 = JSON.parse(await readFile(second, "utf8")) as ReviewLedger;
    expect(ledger2.versions["wordpress/helm/27.0.0"]).toEqual(ledger1.versions["wordpress/helm/27.0.0"]);
    expect(ledger2.versions["wordpress/helm/27.0.1"]?.release).toMatchObject({ gate: "approved" });

    // A previous ledger that does not parse: every merge is read again, and the output says why.
    await writeFile(first, "{ not json");
    const third = `${first}-3.json`;
    dirs.push(third);
    const mark = fake.requests.length;
    const three = await records(third, "--previous", first);
    expect(three.code).toBe(0);
    expect(three.stderr).toMatch(/cannot read the review ledger.*every merged pull request is read from GitHub/);
    const thirdRequests = seenSince(fake, mark);
    expect(thirdRequests).toContain(`GET /repos/${REPO}/commits/${m1}/pulls`);
    expect(thirdRequests).toContain(`GET /repos/${REPO}/commits/${m2}/pulls`);
    expect(JSON.parse(await readFile(third, "utf8"))).toEqual(ledger2);
  });
});

describe("the review ledger published with the registry", () => {
  it("is pinned from index.json as reviews.json and read back through its pin; a tampered or missing one is not used", async () => {
    const key = generateSigningKey().key;
    const trusted = trustedKeysOf(key);
    const registry = await tempRegistry(["wordpress"]);
    const reviews: ReviewLedger = {
      formatVersion: 1,
      versions: {
        "wordpress/helm/27.0.0": {
          release: {
            gate: "none",
            commit: "a".repeat(40),
            reason: "committed to the base branch without a pull request",
          },
          changes: [],
        },
      },
    };
    const result = await validateRegistry({
      root: registry.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    const out = path.join(await tempDir(), "dist");
    await buildRegistry(indexBuildInput(result), out, { serial: 5, expires: "2099-01-01T00:00:00Z" }, [key], reviews);
    const index = JSON.parse(await readFile(path.join(out, "index.json"), "utf8")) as RegistryIndex;
    expect(index.reviews?.path).toBe("reviews.json");
    const read = await readPreviousReviews(out, trusted);
    expect(read.ledger).toEqual(reviews);
    expect(read.note).toMatch(/^reused from .*reviews\.json \(serial 5\)$/);
    const verify = async () => verifyRegistry(await openRegistry({ location: out, trustedKeys: trusted }));
    await verify();

    await writeFile(path.join(out, "reviews.json"), JSON.stringify({ ...reviews, versions: {} }));
    // The site must serve the pinned bytes: verify (the publish job's last check) refuses other ones.
    await expect(verify()).rejects.toThrow(/reviews\.json/);
    const tampered = await readPreviousReviews(out, trusted);
    expect(tampered.ledger).toBeUndefined();
    expect(tampered.note).toMatch(/reviews\.json.*every merged pull request is read from GitHub$/);

    const without = path.join(await tempDir(), "dist");
    await buildRegistry(indexBuildInput(result), without, { serial: 5, expires: "2099-01-01T00:00:00Z" }, [key]);
    expect((await readPreviousReviews(without, trusted)).note).toMatch(/pins no review ledger/);
    expect((await readPreviousReviews(without, { formatVersion: 1, keys: [] })).ledger).toBeUndefined();
  });
});

describe("reusableOutcomes", () => {
  const sha = (c: string) => c.repeat(40);
  it("keeps merged pull requests' outcomes by the commit they state, never 'no pull request', never a commit stated two ways", () => {
    const notApproved = (commit: string, reason: string) => ({
      gate: "not-approved" as const,
      pullRequest: 4,
      url: "https://github.com/o/r/pull/4",
      mergeCommit: commit,
      reason,
    });
    const ledger: ReviewLedger = {
      formatVersion: 1,
      versions: {
        "a/helm/1.0.0": {
          release: { gate: "none", commit: sha("a"), reason: "committed to the base branch without a pull request" },
          changes: [notApproved(sha("b"), "merged while the gate said 'in-review'")],
        },
        "a/helm/2.0.0": { release: notApproved(sha("c"), "x"), changes: [notApproved(sha("c"), "y")] },
        "a/helm/3.0.0": { release: notApproved("HEAD", "not a commit id"), changes: [] },
      },
    };
    expect([...reusableOutcomes(ledger).keys()]).toEqual([sha("b")]);
  });
});
