import { describe, expect, it } from "vitest";
import { renderMarkdown } from "../src/lib/markdown.ts";
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
