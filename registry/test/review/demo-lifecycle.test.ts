import { execFile } from "node:child_process";
import { readFile, rm } from "node:fs/promises";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import type { AppShard } from "../../src/index/index-types.ts";
import { schemaCheck } from "../../src/json/schemas.ts";
import { runAppshelf } from "../run-appshelf.ts";
import { CORPUS, REPO_ROOT, tempDir } from "../temp-registry.ts";

// `npm run demo:lifecycle` as an end-to-end test: a real local Git history, the real
// check-pr, decide and appshelf build; only GitHub is simulated.
const run = promisify(execFile);
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe("npm run demo:lifecycle", () => {
  it("replays submit -> isv -> business -> technical -> merge -> released, an upgrade, a suspension, an admin's takedown with its reason, and publishes each merge's review record", async () => {
    const tmp = await tempDir();
    dirs.push(tmp);
    const out = path.join(tmp, "index");
    const { stdout } = await run(process.execPath, ["scripts/demo-lifecycle.ts", "--mirror", CORPUS, "--out", out], {
      cwd: REPO_ROOT,
    });
    const outcomes = stdout
      .split("\n")
      .filter((l) => l.includes(" -> "))
      .map((l) => l.split(" -> ")[1]?.split(/\s+/)[0]);
    expect(outcomes).toEqual([
      "draft",
      "checking",
      "in-review",
      "in-review",
      "in-review",
      "approved",
      "review",
      "released:",
      "checking",
      "in-review",
      "in-review",
      "approved",
      "review",
      "released:",
      "checking",
      "in-review",
      "in-review",
      "approved",
      "review",
      "suspended:",
      "27.0.0",
      "checking",
      "in-review",
      "in-review",
      "approved",
      "review",
      "wordpress",
      "suspended",
      out,
    ]);
    expect(stdout).toContain('-> in-review pending "stage 2/3: business review"  asks @appshelf/business-reviewers');
    expect(stdout).toContain("-> review record: #1 isv @wp-lead, business @biz-ann, technical @tech-cy");
    expect(stdout).toContain("-> released: wordpress 27.0.0 (helm) released, 6.8.2 (compose) released");
    expect(stdout).toContain("-> released: compose 6.8.2 -> 6.8.3 (latest compose version)");
    expect(stdout).toContain('-> in-review pending "stage 1/1: admin review (1/2 approvals)"');
    expect(stdout).toContain("-> suspended: compose 6.8.2 is suspended; latest compose 6.8.3");
    expect(stdout).toContain("-> 27.0.0 (helm) #1, 6.8.3 (compose) #2, 6.8.2 (compose) #1 then #3");
    expect(stdout).toContain("#4 Suspend WordPress (@adm-ed)");
    expect(stdout).toContain("-> review record: #4 admin @adm-flo+@adm-gus");
    expect(stdout).toContain('-> wordpress is suspended: "the bundled image ships a cryptominer (CVE-2026-0001)"');
    expect(stdout).toMatch(
      /appshelf show wordpress +-> suspended on 2026-05-04 by pull request #4: the bundled image ships a cryptominer \(CVE-2026-0001\)\n/,
    );
    expect(stdout).toContain("The journey went as described.");

    // The built index's shard holds each merged pull request's record, schema-valid.
    const shard = JSON.parse(await readFile(path.join(out, "apps", "wordpress.json"), "utf8")) as AppShard;
    expect(schemaCheck("shard")(shard)).toEqual([]);
    const reviewOf = (delivery: string, version: string) =>
      shard.versions.find((v) => v.delivery === delivery && v.version === version)?.review;
    const suspended = reviewOf("compose", "6.8.2");
    expect(
      suspended?.release.gate === "approved" &&
        suspended.release.record.stages.map((s) => `${s.role} ${s.approvals.map((a) => a.login).join("+")}`),
    ).toEqual(["isv wp-lead", "business biz-ann", "technical tech-cy"]);
    expect(
      suspended?.changes.map((c) =>
        c.gate === "approved" ? [c.record.pullRequest, c.record.stages[0]?.approvals.map((a) => a.login)] : c.gate,
      ),
    ).toEqual([[3, ["adm-ed", "adm-flo"]]]);
    const upgrade = reviewOf("compose", "6.8.3");
    expect(upgrade?.release.gate === "approved" && upgrade.release.record.url).toBe(
      "https://github.com/appshelf/registry/pull/2",
    );
    const gitea = JSON.parse(await readFile(path.join(out, "apps", "gitea.json"), "utf8")) as AppShard;
    expect(gitea.versions[0]?.review?.release).toMatchObject({
      gate: "none",
      reason: "committed to the base branch without a pull request",
    });

    // `appshelf show` prints the record under each version.
    const shown = await runAppshelf(["show", "wordpress", "--registry", out, "--allow-unsigned"], {
      env: { ...process.env, XDG_STATE_HOME: tmp },
    });
    expect(shown.code, shown.stderr).toBe(0);
    expect(shown.stdout).toMatch(/index\.json {2}.*serial \d+, expires .*UNSIGNED/);
    expect(shown.stdout).toContain("publisher: WordPress community packagers <https://wordpress.org> (unverified)");
    expect(shown.stdout).toMatch(
      /review: #1 merged 2026-05-04T\d\d:00:00Z as [0-9a-f]{12}: isv @wp-lead 2026-05-04T\d\d:00:00Z; business @biz-ann .*; technical @tech-cy .* {2}https:\/\/github\.com\/appshelf\/registry\/pull\/1/,
    );
    expect(shown.stdout).toMatch(/changed: #3 merged .*: admin @adm-ed .*, @adm-flo .*pull\/3/);
    const giteaShown = await runAppshelf(["show", "gitea", "--registry", out, "--allow-unsigned"], {
      env: { ...process.env, XDG_STATE_HOME: tmp },
    });
    expect(giteaShown.stdout).toContain(
      "review: NO review gate decision: committed to the base branch without a pull request",
    );
  });
});
