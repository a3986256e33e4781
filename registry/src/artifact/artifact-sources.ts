import type { FetchLimits } from "./fetch-artifact.ts";

/**
 * Where artifacts were looked for in a validation run: the build takes hosted copies'
 * bytes from the same places (see `index/add-hosted-copies.ts`).
 */
export interface ArtifactSources {
  /** Mirror folders searched before the network. */
  mirrors: readonly string[];
  /** Folder of the digest-keyed download cache; none when undefined. */
  cacheDir?: string;
  /** Nothing was downloaded. */
  offline: boolean;
  limits: FetchLimits;
  /** The index files were built hosting copies of released helm charts (`--host-artifacts`). */
  hostArtifacts: boolean;
}
