import { FetchError } from "../errors/fetch-error.ts";
import { assertAllowed, type FetchLimits } from "./fetch-artifact.ts";

/** What a host said about an artifact URL without sending it. */
export interface ProbeResult {
  /**
   * `available`: 2xx (after redirects). `gone`: HTTP 404 or 410, or the host cannot be
   * reached at all. `unknown`: any other answer (5xx, 403, a HEAD the host refuses, a
   * timeout): too weak to mark an artifact gone or back.
   */
  state: "available" | "gone" | "unknown";
  /** What was seen, for reports, e.g. `HEAD https://… answered HTTP 404`. */
  detail: string;
}

/**
 * Asks the host of `url` whether it still serves the file, with a HEAD request under the
 * same rules as a download (`fetchArtifact`: HTTPS only, public addresses only, redirects
 * checked and counted, the time limit). Never downloads the body. Never throws.
 */
export async function probeArtifact(url: string, limits: FetchLimits): Promise<ProbeResult> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  let current = url;
  try {
    for (let redirects = 0; ; redirects++) {
      await assertAllowed(current, limits);
      const response = await fetch(current, { method: "HEAD", redirect: "manual", signal });
      await response.body?.cancel();
      if (response.status >= 300 && response.status < 400 && response.headers.has("location")) {
        if (redirects >= limits.maxRedirects)
          return { state: "unknown", detail: `more than ${limits.maxRedirects} redirects from ${url}` };
        current = new URL(response.headers.get("location") ?? "", current).toString();
        continue;
      }
      const detail = `HEAD ${current} answered HTTP ${response.status}`;
      if (response.ok) return { state: "available", detail };
      return { state: response.status === 404 || response.status === 410 ? "gone" : "unknown", detail };
    }
  } catch (cause) {
    if (cause instanceof FetchError) return { state: "unknown", detail: cause.message };
    if (signal.aborted) return { state: "unknown", detail: `HEAD ${current} took longer than ${limits.timeoutMs} ms` };
    return { state: "gone", detail: `cannot reach ${current}: ${(cause as Error).message}` };
  }
}
