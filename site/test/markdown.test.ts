import { MessageChannel } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { handOver, MARKDOWN_INBOX_GLOBAL, withdraw } from "../src/lib/handover.ts";
import { renderMarkdown } from "../src/lib/markdown.ts";
import { type MarkdownMessage, takeRendered } from "../src/lib/markdown-inbox.ts";
import { markdownTexts } from "../src/lib/markdown-texts.ts";

describe("renderMarkdown", () => {
  it("keeps text formatting, lists, code, tables and h2-h4", () => {
    const html = renderMarkdown("# Title\n\n## Part\n\n- **a** `b`\n\n| x |\n| - |\n| 1 |\n\n###### Small\n");
    expect(html).toContain("<h2>Title</h2>");
    expect(html).toContain("<h2>Part</h2>");
    expect(html).toContain("<li><strong>a</strong> <code>b</code></li>");
    expect(html).toContain("<td>1</td>");
    expect(html).toContain("<h4>Small</h4>");
  });

  it("shows raw HTML as text and drops images", () => {
    const html = renderMarkdown(
      '<script>alert(1)</script>\n\nx <b onclick="y">raw</b> ![alt text](https://example.com/i.png)\n\n<iframe src="https://e.com"></iframe>',
    );
    expect(html).not.toMatch(/<(script|b|img|iframe|style)\b/);
    expect(html).toContain("&lt;script&gt;");
    expect(html).toContain("alt text");
  });

  it("keeps only http, https and mailto links, with rel=nofollow noopener", () => {
    const html = renderMarkdown(
      "[a](https://a.example) [m](mailto:x@y.z) [j](javascript:alert(1)) [r](/local) [p](//evil.example)",
    );
    expect(html).toContain('<a href="https://a.example" rel="nofollow noopener">a</a>');
    expect(html).toContain('<a href="mailto:x@y.z" rel="nofollow noopener">m</a>');
    expect(html).toContain("<span>j</span> <span>r</span> <span>p</span>");
    expect(html).not.toContain("javascript:");
  });
});

describe("markdownTexts", () => {
  it("lists a shard's description and every changelog, in every language written, in shard order", () => {
    const shard = {
      description: { en: "# About", "zh-CN": "# 关于" },
      versions: [{ changelog: { en: "- one" } }, {}, { changelog: { en: "- three", "zh-CN": "- 三" } }],
    };
    expect(markdownTexts(shard)).toEqual(["# About", "# 关于", "- one", "- three", "- 三"]);
    expect(markdownTexts({})).toEqual([]);
    expect(markdownTexts(null)).toEqual([]);
  });
});

describe("Markdown rendered ahead (lib/markdown-inbox.ts)", () => {
  it("takes in every waiting message at once, up to the cap, and sees the worker's end", () => {
    const { port1, port2 } = new MessageChannel();
    const rendered = new Map([["kept", "<p>kept</p>"]]);
    port2.postMessage([["a", "<p>a</p>"]] satisfies MarkdownMessage);
    port2.postMessage([
      ["b", "<p>b</p>"],
      ["c", "<p>c</p>"],
    ] satisfies MarkdownMessage);
    expect(takeRendered(port1, rendered, 3)).toEqual({ pairs: 3, done: false });
    expect([...rendered.keys()]).toEqual(["kept", "a", "b"]);
    port2.postMessage(null satisfies MarkdownMessage);
    expect(takeRendered(port1, rendered, 3)).toEqual({ pairs: 0, done: true });
    expect(takeRendered(port1, rendered, 3)).toEqual({ pairs: 0, done: false });
    port1.close();
  });

  it("answers a page with the worker's HTML posted before, without an event loop turn in between", () => {
    const { port1, port2 } = new MessageChannel();
    withdraw(MARKDOWN_INBOX_GLOBAL);
    handOver(MARKDOWN_INBOX_GLOBAL, port1);
    try {
      // HTML the renderer would not make from this text: only the worker's post can give it.
      port2.postMessage([["posted *ahead*", "<p>from the worker</p>"]] satisfies MarkdownMessage);
      expect(renderMarkdown("posted *ahead*")).toBe("<p>from the worker</p>");
      expect(renderMarkdown("not *posted*")).toBe("<p>not <em>posted</em></p>\n");
    } finally {
      withdraw(MARKDOWN_INBOX_GLOBAL);
      port1.close();
    }
  });
});
