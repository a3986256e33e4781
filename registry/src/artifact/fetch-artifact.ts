import { createHash } from "node:crypto";

/** Limits of one download. */
export interface FetchLimits {
  /** Largest body accepted, in bytes; the download is aborted as soon as it is passed. Default 20 MiB (the Nextcloud app store's limit). */
  maxBytes: number;
  /** Whole-download time limit in ms. Default 60 000. */
  timeoutMs: number;
  /** Most redirects followed. Default 10. */
  maxRedirects: number;
  /** Accept `http://127.0.0.1` / `http://localhost` URLs (tests only). */
  allowHttpLoopback: boolean;
}

/** Default download limits. */
export const DEFAULT_FETCH_LIMITS: FetchLimits = { maxBytes: 20 * 1024 * 1024, timeoutMs: 60_000, maxRedirects: 10, allowHttpLoopback: false };

/** Why a download failed; `reason` is a stable id used in rule ids (`artifact/<reason>`). */
export class FetchError extends Error {
  readonly reason: "insecure-url" | "too-many-redirects" | "http-status" | "too-large" | "timeout" | "network";
  constructor(reason: FetchError["reason"], message: string) {
    super(message);
    this.reason = reason;
  }
}

/**
 * Downloads `url` into memory within `limits`, following redirects only to HTTPS URLs,
 * and returns the bytes with their SHA-256.
 *
 * @throws FetchError on a non-HTTPS URL or redirect, a non-2xx status, a body larger than
 *   `limits.maxBytes` (checked against Content-Length and while streaming), a time-out, or
 *   a network failure.
 */
export async function fetchArtifact(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<{ bytes: Buffer; sha256: string }> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      assertAllowed(current, limits);
      const response = await fetch(current, { redirect: "manual", signal });
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        await response.body?.cancel();
        if (redirects >= limits.maxRedirects) throw new FetchError("too-many-redirects", `more than ${limits.maxRedirects} redirects from ${url}`);
        current = new URL(response.headers.get("location") ?? "", current).toString();
        continue;
      }
      if (!response.ok || !response.body) throw new FetchError("http-status", `GET ${current} answered HTTP ${response.status}`);
      const declared = Number(response.headers.get("content-length") ?? "NaN");
      if (declared > limits.maxBytes) {
        await response.body.cancel();
        throw new FetchError("too-large", `${current} is ${declared} bytes; the limit is ${limits.maxBytes} bytes`);
      }
      return await readCapped(response.body, limits.maxBytes, current);
    }
  } catch (cause) {
    if (cause instanceof FetchError) throw cause;
    if (signal.aborted) throw new FetchError("timeout", `download of ${url} took longer than ${limits.timeoutMs} ms`);
    throw new FetchError("network", `cannot download ${current}: ${(cause as Error).message}`);
  }
}

/** Reads a body, hashing while streaming, and stops as soon as it passes `maxBytes`. */
async function readCapped(body: ReadableStream<Uint8Array>, maxBytes: number, url: string): Promise<{ bytes: Buffer; sha256: string }> {
  const chunks: Uint8Array[] = [];
  const hash = createHash("sha256");
  let total = 0;
  for await (const chunk of body) {
    total += chunk.length;
    // Throwing ends the for-await loop, which cancels the stream: the download stops here.
    if (total > maxBytes) {
      throw new FetchError("too-large", `${url} sent more than ${maxBytes} bytes; download aborted`);
    }
    hash.update(chunk);
    chunks.push(chunk);
  }
  return { bytes: Buffer.concat(chunks), sha256: hash.digest("hex") };
}

function assertAllowed(url: string, limits: FetchLimits): void {
  const parsed = new URL(url);
  if (parsed.protocol === "https:") return;
  const loopback = parsed.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(parsed.hostname);
  if (loopback && limits.allowHttpLoopback) return;
  throw new FetchError("insecure-url", `refusing to download ${url}: only https:// URLs are allowed`);
}
