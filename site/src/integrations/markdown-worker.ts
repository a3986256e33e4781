/**
 * Worker thread of integrations/markdown-ahead.ts: renders the Markdown of every app shard
 * in `workerData.indexDir`/apps/ (each description and changelog, in every language it is
 * written in) with the registry's renderer, the function lib/markdown.ts calls, in the order
 * the app pages are rendered (by search bundle, then by app id: search-integration.ts
 * `inBundleOrder`). Posts lists of `[markdown, html]` pairs on `workerData.port`, then
 * `null` when done (lib/markdown-inbox.ts `MarkdownMessage`). A shard it cannot read, or a
 * text the renderer refuses, is skipped: the page renders that text itself (and reports
 * the error).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { isMainThread, type MessagePort, workerData } from "node:worker_threads";
import { renderMarkdown } from "../../../registry/src/site-api.ts";
import type { MarkdownMessage } from "../lib/markdown-inbox.ts";
import { markdownTexts } from "../lib/markdown-texts.ts";
import { bundleCount, bundleOf } from "../lib/search-bundles.ts";

/** What the worker is started with. */
export interface MarkdownJob {
  /** The folder holding index.json (its shards are in apps/). */
  indexDir: string;
  /** Where the pairs go (the other end is read by lib/markdown.ts). */
  port: MessagePort;
}

/** Pairs posted in one message. */
const PAIRS_PER_MESSAGE = 256;

function run({ indexDir, port }: MarkdownJob): void {
  const folder = join(indexDir, "apps");
  const ids = readdirSync(folder, { withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith(".json"))
    .map((e) => e.name.slice(0, -".json".length))
    .sort((a, b) => (`${a}/` < `${b}/` ? -1 : `${a}/` > `${b}/` ? 1 : 0));
  const count = bundleCount(ids.length);
  const bundles = new Map(ids.map((id) => [id, bundleOf(id, count)]));
  ids.sort((a, b) => (bundles.get(a) ?? 0) - (bundles.get(b) ?? 0));
  const seen = new Set<string>();
  let pairs: [string, string][] = [];
  for (const id of ids) {
    let texts: string[];
    try {
      texts = markdownTexts(JSON.parse(readFileSync(join(folder, `${id}.json`), "utf8")));
    } catch {
      continue;
    }
    for (const text of texts) {
      if (seen.has(text)) continue;
      seen.add(text);
      try {
        pairs.push([text, renderMarkdown(text)]);
      } catch {
        // Refused (too deep): the page renders it and fails with the renderer's error.
      }
      if (pairs.length >= PAIRS_PER_MESSAGE) {
        port.postMessage(pairs satisfies MarkdownMessage);
        pairs = [];
      }
    }
  }
  port.postMessage(pairs satisfies MarkdownMessage);
  port.postMessage(null satisfies MarkdownMessage);
}

if (!isMainThread) run(workerData as MarkdownJob);
