import { describe, expect, it } from "vitest";
import { aSnapshot, review, withPr, withReviews } from "../../test/review/snapshot-builder.ts";
import { repoPolicy } from "../../test/review/snapshot-builder.ts";
import { decide } from "./decide.ts";
import { formatQueueText, makeQueueEntry, makeReviewQueue } from "./review-queue.ts";

describe("review queue", () => {
  it("in review first, longest waiting first; drafts last; ages in whole hours to the snapshot's clock", () => {
    const policy = repoPolicy();
    const waitingLong = withPr(aSnapshot(), { number: 10, title: "Add A" });
    const waitingShort = withPr(withReviews(aSnapshot(), review("wp-lead", "APPROVED", "12:30")), {
      number: 11,
      title: "Add B",
    });
    const draft = withPr(aSnapshot(), { number: 9, title: "Add C", draft: true });
    const entries = [draft, waitingShort, waitingLong].map((s) => makeQueueEntry(s, decide(s, policy)));
    const queue = makeReviewQueue("appshelf/registry", "2026-05-04T18:00:00Z", entries);
    expect(queue.entries.map((e) => [e.number, e.state, e.stage?.role ?? null, e.stageAgeHours, e.ageHours])).toEqual([
      [10, "in-review", "isv", 9, 9],
      [11, "in-review", "business", 5, 9],
      [9, "draft", null, null, 9],
    ]);
    expect(formatQueueText(queue).split("\n")).toEqual([
      "appshelf/registry: 3 open pull requests (generated 2026-05-04T18:00:00Z)",
      "#10  in-review  1/3 provider (ISV) review  9h at stage, 9h open  asks @wp-lead  wordpress: Add A",
      "#11  in-review  2/3 business review  5h at stage, 9h open  asks @appshelf/business-reviewers  wordpress: Add B",
      "#9  draft  -  9h  asks -  wordpress: Add C",
    ]);
  });
});
