import { readFileSync } from "node:fs";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../../site/src/lib/csp.ts";
import { renderMarkdown } from "../../../site/src/lib/markdown.ts";
import { svgDangers } from "../../src/validate/rules/svg-dangers.ts";
import { validateRegistry } from "../../src/run/validate-registry.ts";
import { launchChromium } from "../browser/chromium.ts";
import { CORPUS, REPO_ROOT, tempRegistry } from "../temp-registry.ts";

/**
 * What the catalog renders (issue 9): descriptions and changelogs go through
 * `site/src/lib/markdown.ts` (marked with raw HTML escaped, then sanitize-html with an
 * allow-list), icons through the `app/icon` rule (`svg-dangers.ts`), and every page carries
 * `site/src/lib/csp.ts`. Payloads are appended to the real Harbor description.
 */
const HARBOR_DESCRIPTION =
  /description:\n {2}en: \|\n((?: {4}.*\n|\n)+)/
    .exec(readFileSync(path.join(REPO_ROOT, "apps/harbor/app.yaml"), "utf8"))?.[1]
    ?.replace(/^ {4}/gm, "") ?? "";

/** Markdown XSS payloads: raw HTML, dangerous link schemes in every spelling Markdown allows, DOM clobbering. */
const PAYLOADS = [
  "<script>window.__xss = 'script'</script>",
  "<img src=x onerror=\"window.__xss = 'img'\">",
  "<svg onload=\"window.__xss = 'svg'\"><script>window.__xss = 'svg-script'</script></svg>",
  "<iframe src=\"javascript:parent.__xss = 'iframe'\"></iframe>",
  '<a href="https://x.example" onclick="window.__xss = \'onclick\'">raw link</a>',
  "<math><mtext><table><mglyph><style><img src=x onerror=\"window.__xss = 'mxss'\">",
  '<base href="https://evil.example/"><meta http-equiv="refresh" content="0;url=https://evil.example">',
  '<form id="pagefind" name="getElementById" action="https://evil.example"><input name="attributes"></form>',
  '<a id="__proto__" name="defaultView">clobber</a> <img name="cookie">',
  "[js](javascript:window.__xss='link') [JS](JAVASCRIPT:window.__xss='upper') [ent](&#106;avascript:window.__xss='entity') [colon](javascript&#58;window.__xss='colon')",
  "[data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox(1)) [rel](/admin) [proto](//evil.example)",
  "<javascript:window.__xss='autolink'> [ref][r]\n\n[r]: javascript:window.__xss='reference'",
  "![x](javascript:window.__xss='image') [title](https://ok.example \"onmouseover=window.__xss='title'\")",
  "| a | b |\n| - | - |\n| <img src=x onerror=\"window.__xss = 'table'\"> | `<script>` |",
  "<!-- <script>window.__xss = 'comment'</script> -->",
];
const HOSTILE = `${HARBOR_DESCRIPTION}\n${PAYLOADS.join("\n\n")}\n`;

/** Every tag in `html` with its attribute names. */
function tagsOf(html: string): { tag: string; attributes: string[] }[] {
  return [...html.matchAll(/<([a-zA-Z][\w:-]*)([^>]*)>/g)].map((m) => ({
    tag: (m[1] ?? "").toLowerCase(),
    attributes: [...(m[2] ?? "").matchAll(/([^\s=/]+)\s*=/g)].map((a) => (a[1] ?? "").toLowerCase()),
  }));
}

describe("descriptions and changelogs: renderMarkdown", () => {
  const html = renderMarkdown(HOSTILE);

  it("keeps the real description's formatting", () => {
    expect(html).toContain("<h2>Highlights</h2>");
    expect(html).toContain("<li>Vulnerability scanning with Trivy");
  });

  it("emits only allow-listed tags, with no attribute but href, rel and start", () => {
    const allowed = new Set([
      "p",
      "br",
      "hr",
      "strong",
      "b",
      "em",
      "i",
      "del",
      "s",
      "code",
      "pre",
      "blockquote",
      "ul",
      "ol",
      "li",
      "h2",
      "h3",
      "h4",
      "table",
      "thead",
      "tbody",
      "tr",
      "th",
      "td",
      "a",
      "span",
    ]);
    for (const { tag, attributes } of tagsOf(html)) {
      expect(allowed, tag).toContain(tag);
      for (const name of attributes) expect(["href", "rel", "start"], `${tag} ${name}`).toContain(name);
    }
  });

  it("shows raw HTML as text instead of dropping or running it", () => {
    expect(html).toContain("&lt;img src=x onerror=");
    expect(html).toContain('&lt;form id="pagefind" name="getElementById"');
  });

  it("keeps only https, http and mailto links, marked nofollow; every other scheme becomes plain text", () => {
    const hrefs = [...html.matchAll(/<a href="([^"]*)"/g)].map((m) => m[1] ?? "");
    expect(hrefs.length).toBeGreaterThan(0);
    for (const href of hrefs) expect(href).toMatch(/^(https?:|mailto:)/);
    expect(html).toContain("<span>js</span> <span>JS</span> <span>ent</span> <span>colon</span>");
    for (const link of html.match(/<a [^>]*>/g) ?? []) expect(link).toContain('rel="nofollow noopener"');
  });

  it("runs none of it in Chromium, and loads nothing from elsewhere", async () => {
    const page = await browser.newPage();
    const seen: string[] = [];
    page.on("dialog", (dialog) => void dialog.dismiss());
    page.on("request", (request) => seen.push(request.url()));
    await page.setContent(`<!doctype html><html><body><div class="prose">${html}</div></body></html>`);
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(seen.filter((url) => !url.startsWith("about:") && !url.startsWith("data:"))).toEqual([]);
    await page.close();
  });
});

describe("the Content-Security-Policy of every page", () => {
  it("allows scripts only from the site, never inline or eval, and no plugins, base or foreign forms", () => {
    const directives = Object.fromEntries(
      CONTENT_SECURITY_POLICY.split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    );
    expect(directives["script-src"]).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives["style-src"]).toEqual(["'self'"]);
    expect(directives["object-src"]).toEqual(["'none'"]);
    expect(directives["base-uri"]).toEqual(["'none'"]);
    expect(directives["form-action"]).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/'unsafe-inline'|'unsafe-eval'|\s\*/);
  });

  it("blocks inline script and handlers in Chromium even if a payload got past the sanitizer", async () => {
    const page = await browser.newPage();
    const raw = "<script>window.__xss = 'script'</script><img src=x onerror=\"window.__xss = 'img'\">";
    await page.setContent(
      `<!doctype html><html><head><meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}"></head><body>${raw}</body></html>`,
    );
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    await page.close();
  });
});

describe("SVG icons: app/icon refuses scripts and references to other documents", () => {
  const svg = (inner: string, attributes = "") =>
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 64 64" width="64" height="64"${attributes}><rect width="64" height="64" fill="#60b932"/>${inner}</svg>`;

  it.each([
    ["a <script>", svg("<script>alert(1)</script>"), "a <script> element"],
    [
      "a prefixed <svg:script>",
      `<svg:svg xmlns:svg="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><svg:script>alert(1)</svg:script></svg:svg>`,
      "a <script> element",
    ],
    [
      "an XHTML <html:script>",
      svg('<html:script xmlns:html="http://www.w3.org/1999/xhtml">alert(1)</html:script>'),
      "a <script> element",
    ],
    ["onload on the root", svg("", ' onload="alert(1)"'), "an event-handler attribute"],
    ["an upper-case handler after a newline", svg("", '\nONMOUSEOVER="alert(1)"'), "an event-handler attribute"],
    [
      "a SMIL <animate> turning a link into javascript:",
      svg('<a><animate attributeName="href" values="javascript:alert(1)"/><text y="20">x</text></a>'),
      "an <animate> animation",
    ],
    ["a <set> adding a handler", svg('<set attributeName="onmouseover" to="alert(1)"/>'), "a <set> animation"],
    [
      "an entity-encoded javascript: link",
      svg('<a href="&#106;avascript:alert(1)"><text y="20">x</text></a>'),
      "a javascript: URL",
    ],
    [
      "a <foreignObject> with HTML",
      svg(
        '<foreignObject width="64" height="64"><iframe xmlns="http://www.w3.org/1999/xhtml" src="https://evil.example"/></foreignObject>',
      ),
      "a <foreignObject> element",
    ],
    [
      "an external <image>",
      svg('<image href="https://evil.example/track.png" width="1" height="1"/>'),
      "a reference to another document",
    ],
    [
      "a <use> of another file",
      svg('<use xlink:href="https://evil.example/sprite.svg#a"/>'),
      "a reference to another document",
    ],
    [
      "a CSS url() in a style attribute",
      svg('<rect style="fill: url(https://evil.example/x.svg#g)" width="1" height="1"/>'),
      "a CSS url() that is not a #fragment",
    ],
    ["a CSS @import in a <style>", svg("<style>@import url(https://evil.example/x.css);</style>"), "a CSS @import"],
    [
      "a CSS escape hiding url(",
      svg("<style>rect { fill: \\75 rl(https://evil.example/x) }</style>"),
      "a CSS escape (backslash)",
    ],
    [
      "an <?xml-stylesheet?>",
      `<?xml version="1.0"?><?xml-stylesheet href="https://evil.example/x.css"?>${svg("")}`,
      "a <?xml-stylesheet> processing instruction",
    ],
    [
      "a DOCTYPE with an entity",
      `<!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/passwd">]>${svg("<text>&x;</text>")}`,
      "a DOCTYPE or entity declaration",
    ],
    [
      "markup that is not XML",
      '<svg xmlns="http://www.w3.org/2000/svg"/onload=alert(1)>',
      "markup that is not well-formed XML",
    ],
  ])("refuses %s", (_name, text, what) => {
    expect(svgDangers(text)).toContain(what);
  });

  it("accepts every real icon and self-contained drawing features: gradients, #fragment use, embedded PNG", () => {
    for (const app of ["emqx", "gitea", "harbor", "mysql", "nextcloud", "notes", "redis", "tasks", "wordpress"]) {
      expect(svgDangers(readFileSync(path.join(REPO_ROOT, "apps", app, "icon.svg"), "utf8")), app).toEqual([]);
    }
    const drawing = svg(
      '<defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient></defs><rect fill="url(#g)" width="8" height="8"/><use href="#g"/><image href="data:image/png;base64,iVBORw0KGgo=" width="1" height="1"/>',
    );
    expect(svgDangers(drawing)).toEqual([]);
  });

  it("is reported on the manifest's icon line by validation", async () => {
    const r = await tempRegistry(["harbor"]);
    await r.edit(
      "apps/harbor/icon.svg",
      "</svg>",
      '<svg:script xmlns:svg="http://www.w3.org/2000/svg">alert(document.domain)</svg:script></svg>',
    );
    const { diagnostics } = await validateRegistry({
      root: r.root,
      mirrors: [CORPUS],
      offline: true,
      requireArtifacts: true,
    });
    const iconLine =
      readFileSync(path.join(REPO_ROOT, "apps/harbor/app.yaml"), "utf8")
        .split("\n")
        .findIndex((l) => l.startsWith("icon:")) + 1;
    expect(iconLine).toBeGreaterThan(0);
    expect(diagnostics).toContainEqual(
      expect.objectContaining({
        ruleId: "app/icon",
        file: "apps/harbor/app.yaml",
        line: iconLine,
        message: expect.stringContaining("<script>"),
      }),
    );
  });
});

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});
