import { findNonPublicAddress } from "./public-address.ts";
import { readCapped } from "./read-capped.ts";
import { FetchError } from "../errors/fetch-error.ts";

/** Limits of one download. */
export interface FetchLimits {
  /** Largest body accepted, in bytes; the download is aborted as soon as it is passed. Default 20 MiB (the Nextcloud app store's limit). */
  maxBytes: number;
  /** Whole-download time limit in ms. Default 60 000. */
  timeoutMs: number;
  /** Most redirects followed. Default 10. */
  maxRedirects: number;
  /** Accept `http://127.0.0.1` / `http://localhost` URLs and loopback addresses (tests only); other private addresses stay refused. */
  allowHttpLoopback: boolean;
}

/** Default download limits. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = {
  maxBytes: 20 * 1024 * 1024,
  timeoutMs: 60_000,
  maxRedirects: 10,
  allowHttpLoopback: false,
};

/**
 * Downloads `url` into memory within `limits`, following redirects only to HTTPS URLs
 * whose host resolves to public addresses (no loopback, private, link-local or metadata
 * addresses: see `public-address.ts`, and its DNS-rebinding caveat), and returns the bytes
 * with their SHA-256. Asks for `Accept-Encoding: identity`; a host that sends a
 * `Content-Encoding` anyway has its body decoded by `fetch`, and the decoded bytes are what
 * is capped and hashed (a compression bomb stops at `maxBytes`).
 *
 * @throws FetchError `insecure-url` (not HTTPS), `private-address`, `too-many-redirects`,
 *   `http-status` (not 2xx), `too-large` (Content-Length or the streamed body over
 *   `limits.maxBytes`), `length-mismatch` (the body ended before its Content-Length),
 *   `malformed-response` (not valid HTTP/1.1, e.g. `Content-Length: -1`), `timeout`, or
 *   `network` (with the underlying reason, not just "fetch failed").
 */
export async function fetchArtifact(
  url: string,
  limits: FetchLimits = DEFAULT_FETCH_LIMITS,
): Promise<{ bytes: Buffer; sha256: string }> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      await assertAllowed(current, limits);
      const response = await fetch(current, { redirect: "manual", signal, headers: { "accept-encoding": "identity" } });
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        if (redirects >= limits.maxRedirects)
          throw new FetchError("too-many-redirects", `more than ${limits.maxRedirects} redirects from ${url}`);
        current = new URL(response.headers.get("location") ?? "", current).toString();
        continue;
      }
      if (!response.ok || !response.body)
        throw new FetchError("http-status", `GET ${current} answered HTTP ${response.status}`, response.status);
      const declared = Number(response.headers.get("content-length") ?? "NaN");
      if (declared > limits.maxBytes) {
        await response.body.cancel();
        throw new FetchError("too-large", `${current} is ${declared} bytes; the limit is ${limits.maxBytes} bytes`);
      }
      return await readBody(response.body, {
        maxBytes: limits.maxBytes,
        url: current,
        signal,
        declared: response.headers.has("content-encoding") ? undefined : declared,
      });
    }
  } catch (cause) {
    if (cause instanceof FetchError) throw cause;
    if (signal.aborted) throw new FetchError("timeout", `download of ${url} took longer than ${limits.timeoutMs} ms`);
    const malformed = malformedResponse(cause);
    if (malformed)
      throw new FetchError("malformed-response", `${current} sent a response that is not valid HTTP/1.1: ${malformed}`);
    const reason = (cause as Error & { cause?: Error }).cause?.message;
    throw new FetchError(
      "network",
      `cannot download ${current}: ${(cause as Error).message}${reason ? ` (${reason})` : ""}`,
    );
  }
}

/**
 * What was wrong with a response `fetch` could not parse (undici's `HTTPParserError`, e.g. a
 * `Content-Length: -1`), in words; undefined for other failures.
 */
function malformedResponse(cause: unknown): string | undefined {
  const parserError = (cause as { cause?: { name?: string; message?: string } }).cause;
  if (parserError?.name !== "HTTPParserError") return undefined;
  const detail = /\(([^)]*)\)\s*$/.exec(parserError.message ?? "")?.[1] ?? parserError.message ?? "unreadable";
  return /content-length/i.test(detail)
    ? `its Content-Length header is not a whole number of bytes (${detail})`
    : detail;
}

/**
 * Reads a body within the cap (see {@link readCapped}). A body that breaks off before
 * `declared` bytes (Content-Length) is a `length-mismatch`.
 */
async function readBody(
  body: ReadableStream<Uint8Array>,
  {
    maxBytes,
    url,
    signal,
    declared,
  }: { maxBytes: number; url: string; signal: AbortSignal; declared: number | undefined },
): Promise<{ bytes: Buffer; sha256: string }> {
  let received = 0;
  try {
    const read = await readCapped(body, {
      maxBytes,
      tooLarge: (max) => new FetchError("too-large", `${url} sent more than ${max} bytes; download aborted`),
      collect: true,
      onChunk: (_chunk, total) => void (received = total),
    });
    return { bytes: read.bytes ?? Buffer.alloc(0), sha256: read.sha256 };
  } catch (cause) {
    const short = declared !== undefined && Number.isSafeInteger(declared) && received < declared;
    if (short && !(cause instanceof FetchError) && !signal.aborted) {
      throw new FetchError(
        "length-mismatch",
        `${url} declared ${declared} bytes (Content-Length) but the body ended after ${received}`,
      );
    }
    throw cause;
  }
}

/** Refuses a URL that is not HTTPS (or plain HTTP to loopback in tests) or whose host is not public. */
export async function assertAllowed(url: string, limits: FetchLimits): Promise<void> {
  const parsed = new URL(url);
  const loopbackHttp =
    parsed.protocol === "http:" &&
    ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname) &&
    limits.allowHttpLoopback;
  if (parsed.protocol !== "https:" && !loopbackHttp) {
    throw new FetchError("insecure-url", `refusing to download ${url}: only https:// URLs are allowed`);
  }
  const found = await findNonPublicAddress(parsed, limits.allowHttpLoopback);
  if (found) {
    throw new FetchError(
      "private-address",
      `refusing to download ${url}: ${parsed.hostname} resolves to ${found.address}, a ${found.reason} address; artifacts must come from public hosts`,
    );
  }
}
