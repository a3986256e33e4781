import { readFile } from "node:fs/promises";
import path from "node:path";
import { fetchArtifact, type FetchLimits } from "../artifact/fetch-artifact.ts";

/**
 * Where a previous publish served a hosted copy published at `url`: an absolute URL (a GitHub
 * Release asset) is where it stays; a URL relative to index.json (`artifacts/...`) is read
 * under `previous` (the live registry's base URL or a folder holding a publish). Pure.
 *
 * @returns undefined for a relative URL when there is no previous publish, or one that
 *   would leave its folder (`..`)
 */
export function previousCopyLocation(previous: string | undefined, url: string): string | undefined {
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return url;
  if (previous === undefined) return undefined;
  if (url.split("/").some((part) => part === ".." || part === "." || part === "")) return undefined;
  if (/^https?:\/\//i.test(previous))
    return new URL(url, previous.endsWith("/") ? previous : `${previous}/`).toString();
  return path.join(path.resolve(previous), ...url.split("/"));
}

/**
 * Reads the bytes at a location given by {@link previousCopyLocation}: a URL within `limits`
 * (see `fetchArtifact`: HTTPS and public addresses only, unless the limits allow loopback
 * for tests), or a file. The caller checks their digest: nothing read here is trusted.
 *
 * @throws FetchError / Error when the copy cannot be read
 */
export async function readPreviousCopy(location: string, limits: FetchLimits): Promise<Buffer> {
  if (isUrl(location)) return (await fetchArtifact(location, limits)).bytes;
  return readFile(location);
}

/** True for a location with a URL scheme (`https://…`), false for a file path. */
export function isUrl(location: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(location);
}
