import { existsSync, readFileSync } from "node:fs";
import type { QueueEntry, ReviewQueue } from "../../../registry/src/site-api.ts";
import { schemaCheck } from "../../../registry/src/site-api.ts";

/** The queue.json the page is built from (astro.config.mjs: APPSHELF_QUEUE, else queue.json beside index.json). */
declare const __APPSHELF_QUEUE__: string;

/** One group of the queue page: a review stage (in review), or another state (checking, approved, draft, ...). */
export interface QueueGroup {
  /** `stage:<role>` or `state:<state>`. */
  key: string;
  /** The stage while in review, else null. */
  stage: QueueEntry["stage"];
  state: QueueEntry["state"];
  /** Oldest first: longest waiting at its stage (else since ready), then number. */
  entries: QueueEntry[];
}

/** What the page shows: the queue grouped, or why there is none. */
export type QueueView =
  | { status: "missing"; file: string }
  | { status: "loaded"; queue: ReviewQueue; groups: QueueGroup[] };

/** Order of the groups: stages in policy order (by their index), then the other states. */
const STATE_ORDER: readonly QueueEntry["state"][] = [
  "in-review",
  "approved",
  "checking",
  "rejected",
  "invalid",
  "withdrawn",
  "draft",
];

/**
 * Groups queue entries by stage (in review) or state, oldest first in each group. Pure.
 */
export function groupQueue(entries: readonly QueueEntry[]): QueueGroup[] {
  const groups = new Map<string, QueueGroup>();
  for (const e of entries) {
    const key = e.state === "in-review" && e.stage ? `stage:${e.stage.role}` : `state:${e.state}`;
    const group = groups.get(key) ?? {
      key,
      stage: e.state === "in-review" ? e.stage : null,
      state: e.state,
      entries: [],
    };
    group.entries.push(e);
    groups.set(key, group);
  }
  const since = (e: QueueEntry) => Date.parse(e.waitingSince ?? e.readyAt);
  for (const g of groups.values()) g.entries.sort((a, b) => since(a) - since(b) || a.number - b.number);
  const rank = (g: QueueGroup) => STATE_ORDER.indexOf(g.state) * 100 + (g.stage?.index ?? 0);
  return [...groups.values()].sort((a, b) => rank(a) - rank(b) || a.key.localeCompare(b.key));
}

let cached: QueueView | undefined;

/**
 * The review queue for /queue/, read once per build and checked against
 * `schema/review-queue.schema.json`; a missing file is stated, not an error.
 *
 * @throws Error naming the file when it exists but is not a valid queue
 */
export function loadQueue(): QueueView {
  if (cached) return cached;
  const file = __APPSHELF_QUEUE__;
  if (!existsSync(file)) return (cached = { status: "missing", file });
  const value: unknown = JSON.parse(readFileSync(file, "utf8"));
  const errors = schemaCheck("review-queue")(value);
  if (errors.length > 0)
    throw new Error(
      `${file} does not match schema/review-queue.schema.json: ${errors
        .slice(0, 5)
        .map((e) => `${e.instancePath || "/"} ${e.message}`)
        .join("; ")}`,
    );
  const queue = value as ReviewQueue;
  cached = { status: "loaded", queue, groups: groupQueue(queue.entries) };
  return cached;
}

/** Whole hours as days and hours: 147 -> { days: 6, hours: 3 }. */
export function splitHours(hours: number): { days: number; hours: number } {
  return { days: Math.floor(hours / 24), hours: hours % 24 };
}
