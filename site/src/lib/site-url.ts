/** Where a build without APPSHELF_SITE_URL says its links point. */
export const LOCAL_SITE_URL = "http://localhost:4321";

/** The site's base URL (astro.config.mjs `site`, from APPSHELF_SITE_URL), with a local default. */
export function siteUrl(site: URL | undefined): URL {
  return site ?? new URL(LOCAL_SITE_URL);
}

/** True when the page is built with the local default URL: its links, feeds and install commands point at localhost. */
export function isLocalSite(site: URL | undefined): boolean {
  return siteUrl(site).href === new URL(LOCAL_SITE_URL).href;
}

/**
 * The site URL a build uses, from its environment: `APPSHELF_SITE_URL`, else the local
 * default. A build meant for publishing (`APPSHELF_PUBLISH=1`, set by the publish workflow)
 * refuses to run without an absolute https URL, since canonical links, hreflang, the
 * sitemap, the feeds and every install command would otherwise say localhost.
 *
 * @returns the URL and whether it is the local default (the caller then warns loudly)
 * @throws Error when publishing without a site URL, or with one that is not absolute https
 */
export function resolveSiteUrl(env: Record<string, string | undefined>): { url: string; local: boolean } {
  const given = env.APPSHELF_SITE_URL?.trim();
  const publishing = env.APPSHELF_PUBLISH === "1" || env.APPSHELF_PUBLISH === "true";
  if (!given) {
    if (publishing)
      throw new Error(
        "APPSHELF_PUBLISH is set but APPSHELF_SITE_URL is not: a published catalog needs its own URL (the publish workflow passes the Pages URL). Refusing to build a site whose links point at localhost.",
      );
    return { url: LOCAL_SITE_URL, local: true };
  }
  let url: URL;
  try {
    url = new URL(given);
  } catch {
    throw new Error(`APPSHELF_SITE_URL '${given}' is not an absolute URL`);
  }
  if (publishing && url.protocol !== "https:")
    throw new Error(`APPSHELF_SITE_URL '${given}' must be https for a published catalog`);
  return { url: url.href, local: url.href === new URL(LOCAL_SITE_URL).href };
}

/** The warning a local build prints (and every page of it shows). */
export function localSiteWarning(url: string): string {
  return `APPSHELF_SITE_URL is not set: every canonical link, hreflang, the sitemap, the feeds and every 'helm repo add' command of this build point at ${url}. Fine for a local preview; set APPSHELF_SITE_URL (and APPSHELF_PUBLISH=1) to build a site to publish.`;
}
