import { DEFAULT_FETCH_LIMITS } from "../artifact/fetch-artifact.ts";

/** Limits of the client's downloads. Files pinned by size are never read past their pinned size. */
export interface ClientLimits {
  /** Largest index.json accepted, bytes (TUF: a bounded length for the unpinned top file). Default 1 MiB. */
  maxIndexBytes: number;
  /** Largest index.json.sig accepted, bytes. Default 64 KiB. */
  maxSignatureBytes: number;
  /** Largest artifact accepted, bytes. Default 20 MiB, the registry's own limit. */
  maxArtifactBytes: number;
  /** Time limit of one request including its body, ms. Default 60 000. */
  timeoutMs: number;
  /** Most redirects followed per request. Default 10. */
  maxRedirects: number;
}

/** Default client limits. */
export const DEFAULT_CLIENT_LIMITS: ClientLimits = {
  maxIndexBytes: 1024 * 1024,
  maxSignatureBytes: 64 * 1024,
  maxArtifactBytes: DEFAULT_FETCH_LIMITS.maxBytes,
  timeoutMs: DEFAULT_FETCH_LIMITS.timeoutMs,
  maxRedirects: DEFAULT_FETCH_LIMITS.maxRedirects,
};
