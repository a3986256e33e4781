import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { CORPUS, REPO_ROOT } from "../temp-registry.ts";

// `npm run demo:lifecycle` as an end-to-end test: a real local Git history, the real
// check-pr, decide and appshelf build; only GitHub is simulated.
const run = promisify(execFile);

describe("npm run demo:lifecycle", () => {
  it("replays submit -> isv -> business -> technical -> merge -> released, an upgrade, a suspension, and an admin's takedown with its reason", async () => {
    const { stdout } = await run(process.execPath, ["scripts/demo-lifecycle.ts", "--mirror", CORPUS], { cwd: REPO_ROOT });
    const outcomes = stdout.split("\n").filter((l) => l.includes(" -> ")).map((l) => l.split(" -> ")[1]?.split(/\s+/)[0]);
    expect(outcomes).toEqual([
      "draft", "checking", "in-review", "in-review", "in-review", "approved", "review", "released:",
      "checking", "in-review", "in-review", "approved", "review", "released:",
      "checking", "in-review", "in-review", "approved", "review", "suspended:",
      "checking", "in-review", "in-review", "approved", "review", "wordpress", "suspended",
    ]);
    expect(stdout).toContain('-> in-review pending "stage 2/3: business review"  asks @appshelf/business-reviewers');
    expect(stdout).toContain("-> review record: #1 isv @wp-lead, business @biz-ann, technical @tech-cy");
    expect(stdout).toContain("-> released: wordpress 27.0.0 (helm) released, 6.8.2 (compose) released");
    expect(stdout).toContain("-> released: compose 6.8.2 -> 6.8.3 (latest compose version)");
    expect(stdout).toContain('-> in-review pending "stage 1/1: admin review (1/2 approvals)"');
    expect(stdout).toContain("-> suspended: compose 6.8.2 is suspended; latest compose 6.8.3");
    expect(stdout).toContain("#4 Suspend WordPress (@adm-ed)");
    expect(stdout).toContain("-> review record: #4 admin @adm-flo+@adm-gus");
    expect(stdout).toContain('-> wordpress is suspended: "the bundled image ships a cryptominer (CVE-2026-0001)"');
    expect(stdout).toMatch(/appshelf show wordpress +-> suspended on 2026-05-04 by pull request #4: the bundled image ships a cryptominer \(CVE-2026-0001\)\n/);
    expect(stdout).toContain("The journey went as described.");
  });
});
