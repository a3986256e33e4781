import { execFile } from "node:child_process";
import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import { afterEach, describe, expect, it } from "vitest";
import { REPO_ROOT, tempDir } from "../temp-registry.ts";
import { aFakeGitHub, webhookExample } from "./fake-repo.ts";
import type { FakeGitHub } from "./fake-github.ts";

// The entry points as CI runs them: child processes talking HTTP to the fake GitHub on 127.0.0.1.
const run = promisify(execFile);
const started: FakeGitHub[] = [];
afterEach(async () => {
  await Promise.all(started.splice(0).map((f) => f.stop()));
});

async function setUp() {
  const opened = webhookExample("pull_request", "opened");
  const { fake, pr } = aFakeGitHub(opened);
  const baseUrl = await fake.start();
  started.push(fake);
  const dir = await tempDir();
  const eventPath = path.join(dir, "event.json");
  await writeFile(eventPath, JSON.stringify(opened));
  const env = {
    PATH: process.env.PATH ?? "",
    GITHUB_EVENT_NAME: "pull_request_target",
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_REPOSITORY: "Codertocat/Hello-World",
    GITHUB_API_URL: baseUrl,
    GITHUB_TOKEN: "test-token",
  };
  return { fake, pr, dir, env };
}

describe("review gate and queue entry points", () => {
  it("scripts/review-gate.ts on a pull_request_target payload applies the decision", async () => {
    const { fake, pr, env } = await setUp();
    const { stdout } = await run(process.execPath, ["scripts/review-gate.ts"], { cwd: REPO_ROOT, env });
    expect(stdout).toContain("#2: in-review (stage 1/3: provider (ISV) review)");
    expect(fake.writes().map((w) => `${w.method} ${w.path}`)).toEqual([
      "POST /repos/Codertocat/Hello-World/issues/2/labels",
      "POST /repos/Codertocat/Hello-World/pulls/2/requested_reviewers",
      "POST /repos/Codertocat/Hello-World/issues/2/comments",
      `POST /repos/Codertocat/Hello-World/statuses/${pr.head.sha}`,
    ]);
  });

  it("--dry-run changes nothing; --save-snapshot records a snapshot that appshelf review-state replays to the same decision", async () => {
    const { fake, dir, env } = await setUp();
    const { stdout } = await run(process.execPath, ["scripts/review-gate.ts", "--dry-run", "--save-snapshot", dir], {
      cwd: REPO_ROOT,
      env,
    });
    expect(stdout).toContain("[dry run: nothing changed]");
    expect(fake.writes()).toEqual([]);
    const replay = await run(
      process.execPath,
      ["bin/appshelf.js", "review-state", path.join(dir, "pr-2.json"), "--format", "json"],
      { cwd: REPO_ROOT, env: { PATH: env.PATH } },
    );
    const decision = JSON.parse(replay.stdout) as { state: string; stage: { role: string }; next: unknown };
    expect([decision.state, decision.stage.role, decision.next]).toEqual([
      "in-review",
      "isv",
      { users: ["wp-lead"], teams: [] },
    ]);
  });

  it("a bad policy on the base branch fails the gate with the file and line, and sets appshelf/review to failure (fail closed)", async () => {
    const { fake, pr, env } = await setUp();
    fake.state.contents.set(`.github/appshelf/review-policy.yaml@${pr.base.ref}`, "formatVersion: 1\nroles: {}\n");
    const failed = await run(process.execPath, ["scripts/review-gate.ts"], { cwd: REPO_ROOT, env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect("code" in failed ? failed.code : 0).toBe(1);
    expect(failed.stdout).toContain(
      ".github/appshelf/review-policy.yaml:2:8 schema/required roles is missing the required property 'business'",
    );
    expect(
      fake.writes().map((w) => [w.method, w.path.split("/").slice(-2, -1)[0], (w.body as { state?: string }).state]),
    ).toEqual([["POST", "statuses", "failure"]]);
  });

  it("appshelf queue lists the open pull request with stage, age and who is asked, and writes queue.json (schema-valid), reading only", async () => {
    const { fake, dir, env } = await setUp();
    const out = path.join(dir, "queue.json");
    const { stdout } = await run(process.execPath, ["bin/appshelf.js", "queue", "--out", out], { cwd: REPO_ROOT, env });
    expect(stdout).toMatch(
      /^#2 {2}in-review \(overdue\) {2}1\/3 provider \(ISV\) review {2}\d+h at stage, \d+h open {2}asks @wp-lead {2}wordpress: Update the README with new information\.$/m,
    );
    const queue = JSON.parse(await readFile(out, "utf8")) as {
      entries: { number: number; state: string; stage: { role: string }; next: unknown }[];
    };
    expect(queue.entries.map((e) => [e.number, e.state, e.stage.role, e.next])).toEqual([
      [2, "in-review", "isv", { users: ["wp-lead"], teams: [] }],
    ]);
    const ajv = new Ajv2020({ strict: true, allErrors: true });
    (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
    const validate = ajv.compile(
      JSON.parse(await readFile(path.join(REPO_ROOT, "schema/review-queue.schema.json"), "utf8")) as object,
    );
    expect(validate(queue), JSON.stringify(validate.errors)).toBe(true);
    expect(fake.writes()).toEqual([]);
  });
});
