import { assertAllowedUrl } from "./allowed-url.ts";
import type { ClientLimits } from "./client-limits.ts";
import { httpOpen } from "./http-open.ts";
import { readCapped } from "../artifact/read-capped.ts";
import { ClientError, tooLargeError } from "../errors/client-error.ts";
import { isRelativeUrl, registryUrl, type ArtifactStream, type RegistrySource } from "./registry-source.ts";
import { recordTransfer, type TransferStats } from "./transfer-stats.ts";

/**
 * A registry served over HTTP(S) at `baseUrl` (a trailing `/` is added): GitHub Pages,
 * any CDN, `npm start`. Sends If-None-Match when given an ETag.
 *
 * @throws ClientError `insecure-url` when the base URL is not allowed.
 */
export function openHttpSource(baseUrl: string, limits: ClientLimits, stats: TransferStats): RegistrySource {
  const base = assertAllowedUrl(baseUrl.endsWith("/") ? baseUrl : `${baseUrl}/`);
  const http = { timeoutMs: limits.timeoutMs, maxRedirects: limits.maxRedirects };
  return {
    location: base.href,
    async read(path, options) {
      const url = registryUrl(base, path);
      const opened = await httpOpen(url, { ...http, ...(options.etag ? { etag: options.etag } : {}) });
      if (opened.status !== 200) {
        recordTransfer(stats, { url, status: opened.status, bytes: 0 });
        return { status: opened.status === 304 ? "not-modified" : "missing" };
      }
      if (opened.length !== undefined && opened.length > options.maxBytes) {
        recordTransfer(stats, { url, status: 200, bytes: 0 });
        throw new ClientError(
          "too-large",
          `${url} is ${opened.length} bytes; at most ${options.maxBytes} are accepted`,
        );
      }
      let received = 0;
      try {
        const read = await readCapped(opened.body, {
          maxBytes: options.maxBytes,
          tooLarge: (max) => tooLargeError(url, max),
          collect: true,
          onChunk: (_c, n) => void (received = n),
        });
        return { status: "ok", bytes: read.bytes ?? Buffer.alloc(0), ...(opened.etag ? { etag: opened.etag } : {}) };
      } finally {
        recordTransfer(stats, { url, status: 200, bytes: received });
      }
    },
    async openArtifact(url) {
      return openUrlArtifact(isRelativeUrl(url) ? registryUrl(base, url) : url, limits, stats);
    },
  };
}

/**
 * Opens an artifact at an absolute URL (HTTPS, or HTTP to this machine).
 *
 * @throws ClientError `insecure-url`, `http-status` (also when the file is missing), `timeout`, `network`.
 */
export async function openUrlArtifact(
  url: string,
  limits: ClientLimits,
  stats: TransferStats,
): Promise<ArtifactStream> {
  const opened = await httpOpen(url, { timeoutMs: limits.timeoutMs, maxRedirects: limits.maxRedirects });
  if (opened.status !== 200) {
    recordTransfer(stats, { url, status: opened.status, bytes: 0 });
    throw new ClientError(
      "http-status",
      `GET ${url} answered HTTP ${opened.status}: the artifact is not where the registry says`,
    );
  }
  return {
    from: opened.url,
    body: counted(opened.body, stats, url),
    ...(opened.length !== undefined ? { length: opened.length } : {}),
  };
}

/** Counts an artifact stream's bytes as one transfer once it ends or stops. */
export async function* counted(
  body: AsyncIterable<Uint8Array>,
  stats: TransferStats,
  url: string,
  status = 200,
): AsyncIterable<Uint8Array> {
  let bytes = 0;
  try {
    for await (const chunk of body) {
      bytes += chunk.length;
      yield chunk;
    }
  } finally {
    recordTransfer(stats, { url, status, bytes });
  }
}
