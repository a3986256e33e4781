/**
 * The Content-Security-Policy of every page, sent as `<meta http-equiv>` (a static host may
 * not set headers). Scripts only from this site, never inline; WebAssembly for Pagefind's
 * search; styles only from the site's stylesheet; images from the site, plus HTTPS for
 * publisher screenshots, which load only when a visitor opens the gallery; fetches only to
 * this site (the search index); no plugins, no <base>, forms only to this site.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' https:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join("; ");

/** Directives a `<meta>` policy cannot carry: hosts that can set headers add them (see site/README.md). */
export const HEADER_ONLY_DIRECTIVES = ["frame-ancestors 'none'"];
