import type { ArtifactSources } from "../artifact/artifact-sources.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { AppIndexFiles } from "../index/build-index.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";
import type { LedgerEntry } from "../ledger/ledger-types.ts";
import type { LoadedRegistry } from "../manifest/load-registry.ts";
import type { Category } from "../manifest/types.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import type { AppFacts } from "../validate/rules/index.ts";

/** What checking a registry found: every problem and the counts (`checkRegistry`). */
export interface RegistryDiagnostics {
  /** Every problem, sorted by file and line (at most 100 per file). */
  diagnostics: Diagnostic[];
  /** Number of apps and version files checked, and artifacts verified by digest. */
  counts: {
    apps: number;
    versions: number;
    artifactsVerified: number;
    /** The Helm that judged the charts (`v4.1.4 (bundled)`), or `not found`; absent when no chart was inspected. */
    helm?: string;
  };
  /** The category list, when it is valid. */
  categories: Category[];
  /** Where this run found artifacts: the build takes hosted copies from the same places. */
  artifactSources: ArtifactSources;
  /** With `options.ledger`: the ledger to publish, by SHA-256 (every artifact checked in this run, fresh or reused). */
  ledger?: Record<string, LedgerEntry>;
  /** Versions published from the ledger whose URL is gone: app folder -> `<delivery>/<version>` -> YYYY-MM-DD. */
  unavailable: Map<string, Map<string, string>>;
  /**
   * Whether Git vouched for everything under `apps/` (`listWorkTree`'s `clean`), when this run
   * listed the whole folder (a manifest cache, every app, no partition); absent otherwise. Read
   * by `sourceCommitOf` in place of a `git status` of its own.
   */
  workTreeClean?: boolean;
}

/** What validating a registry found, with every app's facts (`validateRegistry`). */
export interface ValidationResult extends RegistryDiagnostics {
  /** Facts of every app read, with the files that passed their schemas. */
  apps: AppFacts[];
  /** Metadata read from well-formed artifacts: app folder -> `<delivery>/<version>` -> metadata. */
  metadata: Map<string, Map<string, ArtifactMetadata>>;
  registry: LoadedRegistry;
}

/** What validating a registry for a build found, with each valid app's index files (`validateForIndex`). */
export interface IndexValidation extends RegistryDiagnostics {
  /** Absolute registry root. */
  root: string;
  /** Each valid app's files for the index, in app id order. */
  index: AppIndexFiles[];
  /** Why building an app's files failed (e.g. a shard that does not match its schema). */
  indexError?: string;
  /**
   * The repository whose release assets the index files name as hosted copies (`build
   * --release-assets`); absent when copies are beside the index. Whether released helm
   * charts are hosted too is `artifactSources.hostArtifacts`.
   */
  releaseAssets?: ReleaseAssetHosting;
  /**
   * The manifest cache folder of this engine the run used (`<manifestCacheDir>/<engine
   * key>`); absent without a cache. The build keeps its registry-wide files there
   * (`registryFilesStoreIn`, `indexBuildInput`).
   */
  cacheFolder?: string;
}
