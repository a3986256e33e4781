import { ClientError } from "../errors/client-error.ts";

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
 * One segment of a path the registry publishes (`bins/<prefix>.json`, `apps/<id>.json`,
 * `icons/<id>.<ext>`, `artifacts/<id>/<delivery>/<version>/<file>`): app ids, versions
 * (semver, with `+` build metadata) and file names, in unreserved ASCII, never starting with
 * a dot (so never `.` or `..`). No `%`: nothing the registry writes needs percent-encoding,
 * and a URL parser reads `%2e%2e` as `..`.
 */
const SEGMENT = /^[A-Za-z0-9_~+-][A-Za-z0-9._~+-]{0,254}$/;

/** `path` with percent-escapes undone where they decode, to show what a URL reader would see. */
function decodedForMessage(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

/**
 * Refuses a registry-relative path that could leave the registry, before anything is
 * requested or opened: every `/`-separated segment must be a plain name ({@link SEGMENT}),
 * which rules out absolute paths, schemes, `..` and `.` (also percent-encoded, e.g.
 * `%2e%2e`), backslashes, empty segments, queries, fragments and non-ASCII look-alikes.
 *
 * @returns `path` unchanged
 * @throws ClientError `invalid-metadata`, naming the path as given and as a URL reader would decode it
 */
export function assertRelativePath(path: string): string {
  const segments = path.split("/");
  if (path === "" || path.length > 1024 || !segments.every((s) => SEGMENT.test(s))) {
    const decoded = decodedForMessage(path);
    const shown = JSON.stringify(path) + (decoded !== path ? ` (decoded: ${JSON.stringify(decoded)})` : "");
    throw new ClientError(
      "invalid-metadata",
      `the registry names the file ${shown}, which is not a plain path inside the registry`,
      "each segment must be letters, digits, '.', '_', '~', '+' or '-', not starting with '.'; nothing was requested",
    );
  }
  return path;
}

/**
 * The URL of a registry-relative path under `base` (a folder URL ending in `/`), checked
 * with {@link assertRelativePath} and then again after resolution: the result must still
 * start with `base`, with no query or fragment.
 *
 * @throws ClientError `invalid-metadata`
 */
export function registryUrl(base: URL, path: string): string {
  const resolved = new URL(assertRelativePath(path), base);
  if (!resolved.href.startsWith(base.href) || resolved.search !== "" || resolved.hash !== "") {
    throw new ClientError(
      "invalid-metadata",
      `the registry names the file ${JSON.stringify(path)}, which resolves to ${resolved.href}, outside ${base.href}`,
    );
  }
  return resolved.href;
}

/** True for an artifact URL kept in the registry (a path relative to the index folder). */
export function isRelativeUrl(url: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(url) && !url.startsWith("//");
}
