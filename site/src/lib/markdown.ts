import { Marked, type Tokens } from "marked";
import sanitizeHtml from "sanitize-html";
import { escapeHtml } from "../../../registry/src/report/escape-html.ts";


/** Markdown from app manifests: GFM, raw HTML shown as text, images shown as their alt text. */
const marked = new Marked({
  gfm: true,
  breaks: false,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => ("block" in token && token.block ? `<p>${escapeHtml(token.text)}</p>` : escapeHtml(token.text)),
    image: ({ text }: Tokens.Image) => escapeHtml(text),
  },
});

const SAFE_HREF = /^(https?:|mailto:)/i;

const sanitizeOptions: sanitizeHtml.IOptions = {
  allowedTags: [
    "p", "br", "hr", "strong", "b", "em", "i", "del", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "h2", "h3", "h4", "table", "thead", "tbody", "tr", "th", "td", "a", "span",
  ],
  allowedAttributes: { a: ["href", "rel"], ol: ["start"] },
  allowedSchemes: ["http", "https", "mailto"],
  allowedSchemesAppliedToAttributes: ["href"],
  allowProtocolRelative: false,
  disallowedTagsMode: "discard",
  transformTags: {
    h1: "h2",
    h5: "h4",
    h6: "h4",
    a: (tagName, attribs): sanitizeHtml.Tag => {
      const href = attribs.href?.trim() ?? "";
      return SAFE_HREF.test(href)
        ? { tagName, attribs: { href, rel: "nofollow noopener" } }
        : { tagName: "span", attribs: {} };
    },
  },
};

/** Renders manifest Markdown (descriptions, changelogs) to sanitized HTML. */
export function renderMarkdown(markdown: string): string {
  const html = marked.parse(markdown, { async: false });
  return sanitizeHtml(html, sanitizeOptions);
}
