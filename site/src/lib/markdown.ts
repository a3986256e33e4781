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

/** Renders manifest Markdown (descriptions, changelogs) to sanitized HTML. Pure, so results are reused. */
export function renderMarkdown(markdown: string): string {
  let html = rendered.get(markdown);
  if (html === undefined) {
    html = sanitizeHtml(marked.parse(markdown, { async: false }), sanitizeOptions);
    if (rendered.size >= RENDERED_KEPT) rendered.clear();
    rendered.set(markdown, html);
  }
  return html;
}

/**
 * Texts rendered so far (Markdown -> HTML). The same text is rendered for an app's page and
 * its feed, and in both languages when it has no translation; the cap bounds memory.
 */
const rendered = new Map<string, string>();
const RENDERED_KEPT = 200_000;
