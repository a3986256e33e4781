import { ClientError } from "../errors/client-error.ts";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]"]);

/**
 * Refuses URLs the client will not read: only `https:`, and plain `http:` to this
 * machine (127.0.0.1, localhost, ::1: `npm start`, tests). Integrity never rests on the
 * transport (everything is signed or pinned by digest); this keeps what is read private.
 *
 * @throws ClientError `insecure-url`
 */
export function assertAllowedUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ClientError("insecure-url", `'${url}' is not a URL`);
  }
  if (parsed.protocol === "https:") return parsed;
  if (parsed.protocol === "http:" && LOOPBACK.has(parsed.hostname)) return parsed;
  throw new ClientError(
    "insecure-url",
    `refusing to read ${url}: only https:// URLs (and http:// to 127.0.0.1 or localhost) are allowed`,
  );
}
