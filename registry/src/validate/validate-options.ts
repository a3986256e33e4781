import type { FetchLimits } from "../artifact/fetch-artifact.ts";
import type { LedgerContext } from "../ledger/ledger-types.ts";

/**
 * What to validate and where artifacts come from: everything that decides what a
 * validation finds. How fast it runs (threads, the manifest cache, partitions) is the
 * run layer's (`run/run-options.ts`) and never changes the result.
 */
export interface ValidateOptions {
  /** Absolute registry root (holds `apps/` and `schema/`). */
  root: string;
  /** Only these app ids (from `appshelf validate <paths>`); all apps when undefined. */
  apps?: ReadonlySet<string>;
  /** Mirror folders searched for artifacts before the network. */
  mirrors: readonly string[];
  /** Do not download artifacts. */
  offline: boolean;
  /** Unverifiable artifacts are errors, not warnings. */
  requireArtifacts: boolean;
  /** Download limits; defaults to `DEFAULT_FETCH_LIMITS`. `allowHttpLoopback` also lets manifests name `http://127.0.0.1` URLs (tests only). */
  limits?: FetchLimits;
  /** Folder of the digest-keyed download cache; no cache when undefined. */
  cacheDir?: string;
  /**
   * Folder of cached Helm verdicts (by archive sha256, Helm version and kube version;
   * see `helm-tool/helm-verdict.ts`): the default folder when undefined, none when false.
   */
  verdictCacheDir?: string | false;
  /**
   * The verification ledger of the last publish (see `checkVersionArtifact`): artifacts it
   * vouches for are not downloaded again. None (every artifact checked fresh, nothing
   * recorded) when undefined.
   */
  ledger?: LedgerContext;
}
