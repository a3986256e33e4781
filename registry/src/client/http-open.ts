import { ClientError } from "../errors/client-error.ts";
import { assertAllowedUrl } from "./allowed-url.ts";

/** An HTTP response the client can use: a body to stream, or "not modified", or "missing". */
export type HttpOpened =
  | { status: 200; url: string; body: AsyncIterable<Uint8Array>; length?: number; etag?: string }
  | { status: 304 | 404; url: string };

/** Options of one GET. */
export interface HttpOpenOptions {
  /** Whole request including the body, ms. */
  timeoutMs: number;
  maxRedirects: number;
  /** Sent as If-None-Match; a 304 answer means the cached copy is current. */
  etag?: string;
}

/**
 * GETs `url`, following redirects only to allowed URLs (see {@link assertAllowedUrl}).
 * 2xx gives a body (errors while streaming it become ClientErrors too), 304 and 404/410
 * are returned as such.
 *
 * @throws ClientError `insecure-url`, `http-status` (any other status), `timeout`, `network`.
 */
export async function httpOpen(url: string, options: HttpOpenOptions): Promise<HttpOpened> {
  const signal = AbortSignal.timeout(options.timeoutMs);
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      assertAllowedUrl(current);
      const headers: Record<string, string> = { accept: "*/*" };
      if (options.etag) headers["if-none-match"] = options.etag;
      const response = await fetch(current, { redirect: "manual", signal, headers });
      const location = response.headers.get("location");
      if (response.status >= 300 && response.status < 400 && response.status !== 304 && location) {
        await response.body?.cancel();
        if (redirects >= options.maxRedirects)
          throw new ClientError("http-status", `more than ${options.maxRedirects} redirects from ${url}`);
        current = new URL(location, current).toString();
        continue;
      }
      if (response.status === 304) return { status: 304, url: current };
      if (response.status === 404 || response.status === 410) {
        await response.body?.cancel();
        return { status: 404, url: current };
      }
      if (response.status < 200 || response.status > 299 || !response.body) {
        await response.body?.cancel();
        throw new ClientError("http-status", `GET ${current} answered HTTP ${response.status}`);
      }
      const declared = Number(response.headers.get("content-length") ?? "NaN");
      const etag = response.headers.get("etag") ?? undefined;
      return {
        status: 200,
        url: current,
        body: guarded(response.body, signal, current, options.timeoutMs),
        ...(Number.isSafeInteger(declared) ? { length: declared } : {}),
        ...(etag ? { etag } : {}),
      };
    }
  } catch (cause) {
    throw asClientError(cause, signal, current, options.timeoutMs);
  }
}

async function* guarded(
  body: AsyncIterable<Uint8Array>,
  signal: AbortSignal,
  url: string,
  timeoutMs: number,
): AsyncIterable<Uint8Array> {
  try {
    yield* body;
  } catch (cause) {
    throw asClientError(cause, signal, url, timeoutMs);
  }
}

function asClientError(cause: unknown, signal: AbortSignal, url: string, timeoutMs: number): ClientError {
  if (cause instanceof ClientError) return cause;
  if (signal.aborted) return new ClientError("timeout", `reading ${url} took longer than ${timeoutMs} ms`);
  const detail = (cause as Error & { cause?: Error }).cause?.message ?? (cause as Error).message;
  return new ClientError("network", `cannot read ${url}: ${detail}`);
}
