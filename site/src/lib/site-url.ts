/** The site's base URL (astro.config.mjs `site`, from APPSHELF_SITE_URL), with a local default. */
export function siteUrl(site: URL | undefined): URL {
  return site ?? new URL("http://localhost:4321");
}
