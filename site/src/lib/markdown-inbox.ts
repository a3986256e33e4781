import { type MessagePort, receiveMessageOnPort } from "node:worker_threads";

/** One message of the Markdown worker (integrations/markdown-worker.ts): `[markdown, html]` pairs, or `null` once it has rendered every text. */
export type MarkdownMessage = [string, string][] | null;

/** What {@link takeRendered} took in. */
export interface TakenIn {
  /** Pairs received (also those not kept because `rendered` was full). */
  pairs: number;
  /** Whether the worker's last message (`null`) was among them. */
  done: boolean;
}

/**
 * Takes in, synchronously, every {@link MarkdownMessage} waiting on `port`, adding its pairs
 * to `rendered` while it holds fewer than `kept` entries. Synchronous on purpose: while
 * Astro renders app pages this thread's event loop may not turn for tens of seconds (the
 * pages' writes are synchronous), so messages delivered by `port.on("message")` would sit
 * unread while the pages rendered the same Markdown again (at 10,000 apps the main thread
 * rendered every English page's Markdown itself, about 8 % of its time).
 */
export function takeRendered(port: MessagePort, rendered: Map<string, string>, kept: number): TakenIn {
  const taken: TakenIn = { pairs: 0, done: false };
  for (let received = receiveMessageOnPort(port); received; received = receiveMessageOnPort(port)) {
    const pairs = received.message as MarkdownMessage;
    if (pairs === null) {
      taken.done = true;
      continue;
    }
    taken.pairs += pairs.length;
    for (const [markdown, html] of pairs) if (rendered.size < kept) rendered.set(markdown, html);
  }
  return taken;
}
