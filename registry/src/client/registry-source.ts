import { ClientError } from "./client-error.ts";

/** Result of reading one registry file. */
export type SourceRead =
  | { status: "ok"; bytes: Buffer; etag?: string }
  | { status: "not-modified" }
  | { status: "missing" };

/** An opened artifact: its bytes as a stream and, when announced, its length in bytes. */
export interface ArtifactStream {
  /** URL or file path actually read. */
  from: string;
  body: AsyncIterable<Uint8Array>;
  length?: number;
}

/**
 * Where a registry's files come from: an HTTP(S) base URL or a local folder with the
 * layout of `dist/`. Reads are counted in the source's {@link TransferStats}.
 */
export interface RegistrySource {
  /** The registry as named: a base URL ending in `/`, or an absolute folder path. Keys the trust state. */
  location: string;
  /**
   * Reads a file by path relative to the registry, refusing more than `maxBytes` bytes
   * (ClientError `too-large`). With `etag`, a host may answer "not-modified".
   */
  read(path: string, options: { maxBytes: number; etag?: string }): Promise<SourceRead>;
  /**
   * Opens an artifact: `url` is absolute (read over HTTPS) or relative to the registry
   * (read from the registry host or folder).
   */
  openArtifact(url: string): Promise<ArtifactStream>;
}

/**
 * Refuses a registry-relative path that could leave the registry: absolute, with a
 * scheme, `..` or `.` segments, backslashes or empty segments.
 *
 * @throws ClientError `invalid-metadata`
 */
export function assertRelativePath(path: string): string {
  const segments = path.split("/");
  const bad = path === "" || /^[a-z][a-z0-9+.-]*:/i.test(path) || path.includes("\\") || segments.some((s) => s === "" || s === "." || s === "..");
  if (bad) throw new ClientError("invalid-metadata", `the registry names the file '${path}', which is not a plain relative path`);
  return path;
}

/** True for an artifact URL kept in the registry (a path relative to the index folder). */
export function isRelativeUrl(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//");
}
