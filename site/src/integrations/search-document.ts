/**
 * What Pagefind is given of an app page: the page without the two large parts it is told
 * to skip anyway (`data-pagefind-ignore`): the install panel (`<aside class="app-side">`)
 * and the version list (the last section of the article). Pagefind then parses a third of
 * the page and writes the same index, byte for byte (site/test/site.test.ts builds the
 * index both ways and compares). Any page not shaped as views/AppView.astro writes it is
 * given whole.
 */
export function searchDocument(html: string): string {
  const body = html.indexOf("<body");
  const article = html.indexOf("<article data-pagefind-body");
  const end = html.lastIndexOf("</article>");
  if (body < 0 || article < body || end < article) return html;
  const asideStart = html.indexOf(ASIDE, article);
  const asideEnd = html.indexOf("</aside>", asideStart);
  const versions = html.indexOf(VERSIONS, asideEnd);
  const lastSection = html.lastIndexOf("</section>", end);
  // The version list must be the article's last part, closed by exactly the two layout divs.
  if (
    asideStart < 0 ||
    asideEnd < 0 ||
    versions < 0 ||
    html.indexOf(ASIDE, asideEnd) >= 0 ||
    html.slice(lastSection + "</section>".length, end) !== LAYOUT_CLOSE
  )
    return html;
  return `${html.slice(0, body)}<body>${html.slice(article, asideStart)}${html.slice(asideEnd + "</aside>".length, versions)}${LAYOUT_CLOSE}</article></body></html>`;
}

const ASIDE = '<aside class="app-side" data-pagefind-ignore';
const VERSIONS = '<section aria-labelledby="versions" data-pagefind-ignore>';
const LAYOUT_CLOSE = "</div></div>";
