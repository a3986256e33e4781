import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { decide } from "../../src/review/decide.ts";
import { parseReviewSnapshot } from "../../src/review/parse-snapshot.ts";
import type { ReviewDecision } from "../../src/review/review-decision.ts";
import { applyDecision as applyLocally } from "../../src/review/local-pull-request.ts";
import { policyWith, type PolicyOverrides } from "./snapshot-builder.ts";

/**
 * The review scenario table: one JSON file per scenario in `scenarios/` holding a recorded
 * snapshot (the format `--save-snapshot` writes and `appshelf review-state` reads), the
 * policy overrides it runs under (over `.github/appshelf/review-policy.yaml`), and the
 * expected decision. Add a scenario by saving a real pull request's snapshot and writing
 * what the gate should decide.
 */
const DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "scenarios");

interface Expected {
  state: ReviewDecision["state"];
  stage: string | null;
  status: { state: string; description: string };
  labels: string[];
  next: { users: string[]; teams: string[] };
  stages?: string[];
  kinds?: string[];
  fastPath?: string | null;
  /** Logins counted per stage role; `login (self-attested)` for a self-attestation. */
  counted?: Record<string, string[]>;
  /** `[login, reason, role?]` of approvals that do not count. */
  ignored?: string[][];
  /** `[login, words]` of blocking change requests. */
  rejections?: string[][];
  reasonIncludes?: string;
  overdue?: ReviewDecision["overdue"];
  actions?: Partial<ReviewDecision["actions"]>;
}

const files = readdirSync(DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
const scenarios = files.map((file) => {
  const raw = JSON.parse(readFileSync(path.join(DIR, file), "utf8")) as {
    title: string;
    rule: string;
    policy?: PolicyOverrides;
    snapshot: unknown;
    expected: Expected;
  };
  return { file, ...raw, snapshot: parseReviewSnapshot(raw.snapshot, file) };
});

const counted = (d: ReviewDecision) =>
  Object.fromEntries(
    d.stages.map((s) => [
      s.role,
      s.units.flatMap((u) => u.approvals.map((a) => (a.selfAttested ? `${a.login} (self-attested)` : a.login))).sort(),
    ]),
  );

describe("review scenarios (recorded snapshots -> expected decisions)", () => {
  it("there are at least 25 scenarios", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(25);
  });

  describe.each(scenarios)("$file: $title", ({ snapshot, policy: overrides, expected }) => {
    const policy = policyWith(overrides);
    const decision = decide(snapshot, policy);

    it("decides the expected state, stage, status, labels and reviewers", () => {
      expect({
        state: decision.state,
        stage: decision.stage?.role ?? null,
        status: { state: decision.status.state, description: decision.status.description },
        labels: decision.labels,
        next: decision.next,
      }).toEqual({
        state: expected.state,
        stage: expected.stage,
        status: expected.status,
        labels: expected.labels,
        next: expected.next,
      });
      expect(decision.status.context).toBe("appshelf/review");
    });

    it("counts, ignores and rejects as expected", () => {
      if (expected.stages) expect(decision.stages.map((s) => s.role)).toEqual(expected.stages);
      if (expected.kinds) expect(decision.kinds).toEqual(expected.kinds);
      if (expected.fastPath !== undefined) expect(decision.fastPath).toBe(expected.fastPath);
      if (expected.counted) expect(counted(decision)).toMatchObject(expected.counted);
      if (expected.ignored)
        expect(decision.ignored.map((i) => (i.role ? [i.login, i.reason, i.role] : [i.login, i.reason]))).toEqual(
          expected.ignored,
        );
      if (expected.rejections) expect(decision.rejections.map((r) => [r.login, r.words])).toEqual(expected.rejections);
      if (expected.reasonIncludes) expect(decision.reasons.join("\n")).toContain(expected.reasonIncludes);
      if (expected.overdue !== undefined) expect(decision.overdue).toEqual(expected.overdue);
      if (expected.actions) expect(decision.actions).toMatchObject(expected.actions);
    });

    it("is deterministic: the order GitHub lists reviews and files in does not matter", () => {
      const shuffled = { ...snapshot, reviews: [...snapshot.reviews].reverse(), files: [...snapshot.files].reverse() };
      expect(decide(shuffled, policy)).toEqual(decision);
      expect(decide(structuredClone(snapshot), policy)).toEqual(decision);
    });

    it("is idempotent: once its actions are applied, deciding again leaves nothing to do", () => {
      const again = decide(applyLocally(snapshot, decision), policy);
      expect(again.state).toBe(decision.state);
      expect(again.actions).toEqual({
        setStatus: false,
        addLabels: [],
        removeLabels: [],
        requestReviewers: { users: [], teams: [] },
        rerequestReviewers: { users: [], teams: [] },
        comment: { kind: "none", id: again.actions.comment.kind === "none" ? again.actions.comment.id : -1 },
        enableAutoMerge: false,
      });
    });
  });
});
