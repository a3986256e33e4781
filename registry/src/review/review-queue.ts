import type { ChangeKind } from "../pr/change-kind.ts";
import type { ReviewDecision, ReviewState } from "./review-decision.ts";
import type { ReviewSnapshot } from "./review-snapshot.ts";
import type { Role } from "./role.ts";

/**
 * `queue.json`: every open pull request with where it stands, published by the scheduled
 * queue workflow for the catalog's queue page. Shape: `schema/review-queue.schema.json`.
 */
export interface ReviewQueue {
  formatVersion: 1;
  /** When GitHub was read (ISO 8601 UTC). */
  generated: string;
  /** `owner/name`. */
  repository: string;
  /** Longest waiting first (see {@link makeReviewQueue}). */
  entries: QueueEntry[];
}

/** One open pull request. */
export interface QueueEntry {
  number: number;
  title: string;
  url: string;
  author: string;
  apps: string[];
  kinds: ChangeKind[];
  state: ReviewState;
  stage: { role: Role; title: string; index: number; count: number } | null;
  /** When it was last marked ready (ISO 8601 UTC). */
  readyAt: string;
  /** Whole hours since `readyAt`. */
  ageHours: number;
  /** When the current stage became current; null unless in review. */
  waitingSince: string | null;
  /** Whole hours since `waitingSince`; null unless in review. */
  stageAgeHours: number | null;
  overdue: boolean;
  /** Who is asked next: logins and teams (`org/slug`). */
  next: { users: string[]; teams: string[] };
}

/** Order of states in the queue: what waits on reviewers first, drafts last. */
const ORDER: readonly ReviewState[] = [
  "in-review",
  "approved",
  "rejected",
  "checking",
  "invalid",
  "withdrawn",
  "draft",
];

/** One queue entry from a snapshot and its decision; ages are counted to `snapshot.now`. */
export function makeQueueEntry(snapshot: ReviewSnapshot, decision: ReviewDecision): QueueEntry {
  const pr = snapshot.pullRequest;
  const hours = (since: string) => Math.max(0, Math.floor((Date.parse(snapshot.now) - Date.parse(since)) / 3_600_000));
  return {
    number: pr.number,
    title: pr.title,
    url: pr.url,
    author: pr.author,
    apps: decision.apps,
    kinds: decision.kinds,
    state: decision.state,
    stage: decision.stage,
    readyAt: pr.readyAt,
    ageHours: hours(pr.readyAt),
    waitingSince: decision.waitingSince,
    stageAgeHours: decision.waitingSince === null ? null : hours(decision.waitingSince),
    overdue: decision.overdue !== null,
    next: decision.next,
  };
}

/** The queue: entries by state ({@link ORDER}), then longest waiting (oldest stage start, else oldest ready) first, then number. */
export function makeReviewQueue(repository: string, generated: string, entries: readonly QueueEntry[]): ReviewQueue {
  const since = (e: QueueEntry) => Date.parse(e.waitingSince ?? e.readyAt);
  const sorted = [...entries].sort(
    (a, b) => ORDER.indexOf(a.state) - ORDER.indexOf(b.state) || since(a) - since(b) || a.number - b.number,
  );
  return { formatVersion: 1, generated, repository, entries: sorted };
}

/** The queue as a text table for the terminal: `#12  in-review  2/3 business review  40h  asks @org/team`. */
export function formatQueueText(queue: ReviewQueue): string {
  if (queue.entries.length === 0) return `${queue.repository}: no open pull requests`;
  const rows = queue.entries.map((e) => {
    const stage = e.stage ? `${e.stage.index}/${e.stage.count} ${e.stage.title}` : "-";
    const age = e.stageAgeHours === null ? `${e.ageHours}h` : `${e.stageAgeHours}h at stage, ${e.ageHours}h open`;
    const asks = [...e.next.teams, ...e.next.users].map((l) => `@${l}`).join(" ") || "-";
    return `#${e.number}  ${e.state}${e.overdue ? " (overdue)" : ""}  ${stage}  ${age}  asks ${asks}  ${e.apps.join(",") || "(registry)"}: ${e.title}`;
  });
  return [
    `${queue.repository}: ${queue.entries.length} open pull requests (generated ${queue.generated})`,
    ...rows,
  ].join("\n");
}
