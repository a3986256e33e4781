import { isRelativeUrl } from "./load-index.ts";

/** Where a file of the index is served on this site: /<path>, the same layout as dist/. */
export function indexHref(path: string): string {
  return `/${path.split("/").map(encodeURIComponent).join("/")}`;
}

/** A link to an artifact: its own absolute URL, or its copy on this site for registry-kept files. */
export function artifactHref(url: string): string {
  return isRelativeUrl(url) ? indexHref(url) : url;
}

/** An absolute artifact URL for shell commands, resolving registry-kept files against the site URL. */
export function artifactAbsoluteUrl(url: string, site: URL | string): string {
  return isRelativeUrl(url) ? new URL(indexHref(url), site).href : url;
}

/** A page path with the trailing slash the site uses everywhere. */
export const appHref = (id: string): string => `/apps/${encodeURIComponent(id)}/`;
export const categoryHref = (id: string): string => `/categories/${encodeURIComponent(id)}/`;
export const maintainerHref = (login: string): string => `https://github.com/${encodeURIComponent(login)}`;
