/**
 * Worker thread of integrations/app-feeds.ts: writes Atom feeds. Each message is a list of
 * `{ file, feed }` (an absolute path and lib/feed.ts `Feed` data); each feed is written as
 * XML (buildAtomFeed, the same code a feed built on the main thread runs) to its file.
 * A `null` message asks for the count written so far, sent back once every earlier list is
 * written. An error ends the thread (the main thread sees an `error` event).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { parentPort } from "node:worker_threads";
import { buildAtomFeed, type Feed } from "../lib/feed.ts";

const made = new Set<string>();
let written = 0;
parentPort?.on("message", (message: { file: string; feed: Feed }[] | null) => {
  if (message === null) {
    parentPort?.postMessage(written);
    return;
  }
  for (const { file, feed } of message) {
    const folder = dirname(file);
    if (!made.has(folder)) mkdirSync(folder, { recursive: true });
    made.add(folder);
    writeFileSync(file, buildAtomFeed(feed));
    written += 1;
  }
});
