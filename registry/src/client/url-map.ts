import { UsageError } from "../errors/appshelf-error.ts";

/** Replace the URL prefix `from` with `to` (a local mirror or cache of upstream downloads). */
export interface UrlMapping {
  from: string;
  to: string;
}

/**
 * Parses `--url-map <from>=<to>` values. Pure.
 *
 * @throws UsageError when a value has no `=` or an empty side.
 */
export function parseUrlMappings(values: readonly string[]): UrlMapping[] {
  return values.map((value) => {
    const at = value.indexOf("=");
    const from = value.slice(0, at);
    const to = value.slice(at + 1);
    if (at <= 0 || to === "")
      throw new UsageError(
        `--url-map ${value}: expected <from-prefix>=<to-prefix>, e.g. https://=http://127.0.0.1:8080/mirror/`,
      );
    return { from, to };
  });
}

/**
 * Rewrites an absolute artifact URL by the first mapping whose prefix it starts with;
 * other URLs are returned unchanged. The artifact is still checked against the digest
 * the registry pins, so a mirror can make a download fail but never change what is
 * installed. Pure.
 */
export function mapUrl(url: string, mappings: readonly UrlMapping[]): string {
  const m = mappings.find((x) => url.startsWith(x.from));
  return m ? m.to + url.slice(m.from.length) : url;
}
