import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PR_CHECK, selectPrCheckRun, type CheckedPull, type WorkflowRunFacts } from "../../src/github/read-pr-check.ts";

/**
 * readPrCheck is bound to the pull request (issue 13, class 13): a run of the same head
 * commit for another pull request, or for the same number against another base branch,
 * or another workflow, never answers for it. Generated run lists around one pull request.
 */
const REPO = "appshelf/registry";
const SHA = "a".repeat(40);
const PULL: CheckedPull = { number: 7, headSha: SHA, baseRef: "main", headRepo: REPO, headRef: "add-harbor" };

type Run = WorkflowRunFacts & { label: "bound" | "other" };

/** A run that belongs to PULL, or one of the ways a run can look close and not belong. */
const run = fc
  .tuple(
    fc.nat({ max: 1000 }),
    fc.constantFrom("bound", "other-number", "other-base", "other-sha", "other-workflow", "fork-lookalike", "several"),
  )
  .map(([id, kind]): Run => {
    const listed = (number: number, base: string, sha = SHA) => [{ number, base: { ref: base }, head: { sha } }];
    const base: Run = {
      id,
      path: PR_CHECK.workflow,
      head_sha: SHA,
      head_branch: "add-harbor",
      head_repository: { full_name: REPO },
      pull_requests: listed(7, "main"),
      label: "bound",
    };
    if (kind === "other-number") return { ...base, pull_requests: listed(8, "main"), label: "other" };
    if (kind === "other-base") return { ...base, pull_requests: listed(7, "release-1"), label: "other" };
    if (kind === "other-sha") return { ...base, head_sha: "b".repeat(40), label: "other" };
    if (kind === "other-workflow") return { ...base, path: ".github/workflows/evil.yml", label: "other" };
    if (kind === "fork-lookalike") return { ...base, pull_requests: [], label: "other" }; // same repository: a run listing no pull request is not bound
    if (kind === "several")
      return { ...base, pull_requests: [...listed(8, "main"), ...listed(7, "main")], label: "bound" };
    return base;
  });

describe("readPrCheck: the run must belong to the pull request", () => {
  it("picks the newest bound run and never another one (generated, 500 cases)", () => {
    fc.assert(
      fc.property(fc.array(run, { maxLength: 8 }), (runs) => {
        const picked = selectPrCheckRun(runs, PULL, REPO);
        const bound = runs.filter((r) => r.label === "bound").sort((a, b) => b.id - a.id);
        expect(picked?.label ?? "none").toBe(bound.length ? "bound" : "none");
        if (picked) expect(picked.id).toBe(bound[0]?.id);
      }),
      { seed: 13, numRuns: 500 },
    );
  });

  it("a fork's run (GitHub lists no pull requests) is bound by its head repository and branch", () => {
    const fork: CheckedPull = { ...PULL, headRepo: "someone/registry" };
    const forkRun = {
      id: 1,
      path: PR_CHECK.workflow,
      head_sha: SHA,
      head_branch: "add-harbor",
      head_repository: { full_name: "someone/registry" },
      pull_requests: [],
    };
    expect(selectPrCheckRun([forkRun], fork, REPO)?.id).toBe(1);
    expect(selectPrCheckRun([{ ...forkRun, head_branch: "other" }], fork, REPO)).toBeUndefined();
    expect(
      selectPrCheckRun([{ ...forkRun, head_repository: { full_name: "mallory/registry" } }], fork, REPO),
    ).toBeUndefined();
  });
});
