import { renderMarkdown as renderShared } from "../../../registry/src/site-api.ts";
import type { MessagePort } from "node:worker_threads";
import { handedOver, handOver, MARKDOWN_GLOBAL, MARKDOWN_INBOX_GLOBAL, MARKDOWN_KEPT } from "./handover.ts";
import { takeRendered } from "./markdown-inbox.ts";

/**
 * The catalog renders manifest Markdown (descriptions, changelogs) with the registry's own
 * renderer (`registry/src/markdown/render-markdown.ts`: marked + sanitize-html, one set of
 * options), which the validator also runs on every description before accepting a
 * manifest (`description/too-deep`), so the two can never disagree.
 */
export { MarkdownError, MAX_MARKDOWN_DEPTH } from "../../../registry/src/site-api.ts";

/**
 * Renders manifest Markdown to sanitized HTML with the shared renderer. Pure, so results
 * are reused: from this process's earlier calls, or rendered ahead by the same renderer on
 * a worker thread (integrations/markdown-ahead.ts): a text not found is first looked for
 * in what the worker has posted so far ({@link MARKDOWN_INBOX_GLOBAL}, taken in without
 * waiting), and rendered here only if the worker has not reached it. A text is only ever
 * answered with the HTML of that exact text.
 *
 * @throws MarkdownError for a text the validator refuses (nested too deeply)
 */
export function renderMarkdown(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    const inbox = handedOver<MessagePort>(MARKDOWN_INBOX_GLOBAL);
    if (inbox) takeRendered(inbox, rendered, MARKDOWN_KEPT);
    html = rendered.get(markdown);
  }
  if (html === undefined) {
    html = renderShared(markdown);
    if (rendered.size >= MARKDOWN_KEPT) rendered.clear();
    rendered.set(markdown, html);
  }
  return html;
}

/**
 * Texts rendered so far (Markdown -> HTML). The same text is rendered for an app's page and
 * its feed, and in both languages when it has no translation; the cap bounds memory.
 */
const rendered = handOver(MARKDOWN_GLOBAL, new Map<string, string>());
