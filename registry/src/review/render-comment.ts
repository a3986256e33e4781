import type { ChangeKind } from "../pr/change-kind.ts";
import type { IgnoredApproval, Rejection, ReviewDecision, StageProgress } from "./review-decision.ts";
import type { CheckRender } from "./review-snapshot.ts";
import { POLICY_PATH } from "./review-policy.ts";
import type { Role } from "./role.ts";

/** Hidden first line of the gate's comment: a re-run finds it and edits instead of posting again. */
export const COMMENT_MARKER = "<!-- appshelf-review: summary of the review gate, edited in place -->";

/** What the comment shows: the decision without its comment and actions, plus the base branch. */
export type CommentFacts = Omit<ReviewDecision, "comment" | "actions" | "status" | "labels" | "autoMerge"> & {
  baseRef: string;
};

const HEADINGS: Record<ReviewDecision["state"], string> = {
  draft: "Draft: review starts when the pull request is marked ready",
  withdrawn: "Withdrawn: converted back to draft during review",
  checking: "Waiting for the pull-request check",
  invalid: "Checks failing: review starts once they pass",
  rejected: "Changes requested",
  "in-review": "In review",
  approved: "Approved: the gate passes",
};

/**
 * The summary comment (Markdown): state, one row per needed stage with who approved and
 * when, who is asked next, an overdue note, change requests with the reviewers' words,
 * approvals that do not count and why, and each stage's checklist. Deterministic: built
 * from the decision only (no clock), so an unchanged decision gives the same text and
 * the shell leaves the comment alone.
 */
export function renderComment(facts: CommentFacts): string {
  const lines = [COMMENT_MARKER, `## Review: ${heading(facts)}`, "", summaryLine(facts)];
  if (facts.reasons.length > 0) lines.push("", ...facts.reasons.map((r) => `- ${r}`));
  if (facts.stages.length > 0)
    lines.push(
      "",
      "| # | Stage | Needs | Status |",
      "|---|---|---|---|",
      ...facts.stages.map((s) => stageRow(facts, s)),
    );
  if (facts.state === "in-review" && (facts.next.users.length > 0 || facts.next.teams.length > 0)) {
    lines.push("", `**Asked next:** ${[...facts.next.teams, ...facts.next.users].map((l) => `@${l}`).join(", ")}`);
  }
  if (facts.overdue) {
    const title = titleOf(facts.stages, facts.overdue.role);
    lines.push(
      "",
      `> [!WARNING]\n> The ${title} has waited longer than its target of ${facts.overdue.targetHours} h (since ${showTime(facts.overdue.since)}); its reviewers were asked again.`,
    );
  }
  if (facts.rejections.length > 0)
    lines.push(
      "",
      "### Changes requested",
      ...facts.rejections.flatMap((r, i) => [...(i > 0 ? [""] : []), ...rejection(facts.stages, r)]),
    );
  if (facts.ignored.length > 0)
    lines.push(
      "",
      "### Approvals that do not count",
      ...facts.ignored.map((i) => `- @${i.login}: ${whyText(facts, i)}`),
    );
  if (facts.stages.length > 0)
    lines.push(
      "",
      "### What each stage checks",
      ...facts.stages.flatMap((s) => [
        ...checklist(s),
        ...(s.role === "technical" ? whatItCreates(facts.renders ?? []) : []),
      ]),
    );
  lines.push(
    "",
    `<sub>Decided by the Appshelf review gate (\`registry/src/review/decide.ts\`) from \`${POLICY_PATH}\` on \`${facts.baseRef}\`. The latest review of each reviewer counts; a dismissed review counts for nothing.</sub>`,
  );
  return `${lines.join("\n")}\n`;
}

function heading(facts: CommentFacts): string {
  if (facts.state === "in-review" && facts.stage)
    return `${HEADINGS["in-review"]}, stage ${facts.stage.index} of ${facts.stage.count}: ${facts.stage.title}`;
  return HEADINGS[facts.state];
}

function summaryLine(facts: CommentFacts): string {
  const kinds = facts.kinds.length > 0 ? facts.kinds.map(kindText).join(", ") : "not classified yet";
  const apps = facts.apps.length > 0 ? facts.apps.map((a) => `\`${a}\``).join(", ") : "none";
  return `**Change:** ${kinds} · **apps:** ${apps}${facts.fastPath ? ` · **fast path:** \`${facts.fastPath}\`` : ""}`;
}

function kindText(kind: ChangeKind): string {
  return kind.replace(/-/g, " ");
}

function stageRow(facts: CommentFacts, s: StageProgress): string {
  const needs =
    s.role === "isv" ? `${s.units[0]?.needed ?? 1} per app, by its maintainers` : `${s.units[0]?.needed ?? 1}`;
  return `| ${s.index} | ${s.title} | ${needs} | ${stageStatus(facts, s)} |`;
}

function stageStatus(facts: CommentFacts, s: StageProgress): string {
  const who = s.units
    .filter((u) => u.approvals.length > 0)
    .map(
      (u) =>
        `${u.app ? `\`${u.app}\`: ` : ""}${u.approvals.map((a) => (a.selfAttested ? `@${a.login} (self-attested: only maintainer)` : `@${a.login}, ${showTime(a.at)}`)).join("; ")}`,
    )
    .join("; ");
  if (s.complete) return `✅ ${who}`;
  const current = facts.stage?.role === s.role;
  const waiting = s.units
    .filter((u) => !u.complete)
    .map((u) => `${u.app ? `\`${u.app}\` ` : ""}${u.approvals.length}/${u.needed}`);
  const state =
    current && facts.state === "in-review"
      ? `⏳ waiting${facts.waitingSince ? ` since ${showTime(facts.waitingSince)}` : ""}`
      : "⬜ not started";
  return `${state} (${waiting.join(", ")})${who ? `; so far ${who}` : ""}`;
}

function rejection(stages: readonly StageProgress[], r: Rejection): string[] {
  const words =
    r.words.trim() === ""
      ? ["> (no words given)"]
      : r.words
          .trim()
          .split(/\r?\n/)
          .map((l) => `> ${l}`);
  return [`@${r.login} (${titleOf(stages, r.role)}), ${showTime(r.at)}:`, ...words];
}

function whyText(facts: CommentFacts, i: IgnoredApproval): string {
  switch (i.reason) {
    case "author":
      return "is the author of the pull request (separation of duties)";
    case "commit-author":
      return "wrote commits in this pull request (separation of duties)";
    case "co-author":
      return "is named as a co-author of commits in this pull request (Co-authored-by; separation of duties)";
    case "maintainer":
      return "maintains an app this pull request touches; maintainers never count for its business or technical review";
    case "after-merge":
      return "approved after the pull request was merged; only reviews before the merge count";
    case "stale":
      return `approved an earlier commit; only approvals of the head commit count: approve again`;
    case "no-role":
      return "holds no role this pull request needs (not a maintainer of the app, not a holder of a needed stage's role)";
    case "out-of-order":
      return "approved before the earlier stages were complete (strict order): approve again now";
    case "counted-for-another-stage":
      return `already counts for another stage; one person approves one stage, so the ${titleOf(facts.stages, i.role ?? "isv")} needs someone else`;
    case "not-needed":
      return "the stage already had the approvals it needs";
  }
}

function checklist(s: StageProgress): string[] {
  return [``, `**${s.index}. ${s.title}**`, ...s.checklist.map((item) => `- [${s.complete ? "x" : " "}] ${item}`)];
}

/**
 * The technical stage's view of what each changed version will create (render reports:
 * object kinds and counts, images, flags), as nested list items. The text comes from the
 * pull request's own check run, so it is shown as code and said to be reported, not vouched for.
 */
function whatItCreates(renders: readonly CheckRender[]): string[] {
  if (renders.length === 0) return [];
  const code = (text: string) => `\`${text.replace(/[`\r\n]/g, " ")}\``;
  const list = (items: readonly string[]) => (items.length === 0 ? "none" : items.map(code).join(", "));
  return [
    "",
    "What the changed versions will create (render reports of the pull-request check, from its own run):",
    ...renders.flatMap((r) => [
      `- ${code(`${r.app} ${r.version}`)} (${code(r.delivery)}, rendered by ${code(r.tool)})`,
      `  - objects: ${list(r.objects)}`,
      `  - images: ${list(r.images)}`,
      `  - flags: ${r.flags.length === 0 ? "none" : list(r.flags)}`,
    ]),
  ];
}

function titleOf(stages: readonly StageProgress[], role: Role): string {
  return stages.find((s) => s.role === role)?.title ?? `${role} review`;
}

/** `2026-05-02T10:00:00Z` -> `2026-05-02 10:00 UTC`. */
export function showTime(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}
