import { appIndexFiles, type AppIndexSource } from "../index/app-index-files.ts";
import type { IndexBuildInput } from "../index/build-registry.ts";
import { registryFilesStoreIn } from "./registry-files-store.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { hasErrors } from "../report/diagnostic.ts";
import type { IndexValidation, ValidationResult } from "./registry-results.ts";
import { RefusalError } from "../errors/appshelf-error.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";

/** How hosted copies are published (see `build --host-artifacts`, `--release-assets`). */
export interface IndexHosting {
  /** Host released helm charts that have an upstream URL too. */
  hostArtifacts?: boolean;
  /** Host copies as GitHub Release assets of this repository; present but undefined: beside the index. */
  releaseAssets?: ReleaseAssetHosting | undefined;
}

/**
 * What `buildRegistry` builds from, out of a validation: the index files built by
 * `validateForIndex` (with the hosting it was given, which `appshelf build` always uses), or
 * built here from `validateRegistry`'s facts (tests, and callers of the library API). A
 * registry with validation errors never reaches the build.
 *
 * @param hosting how copies are hosted; default: as the validation was run. Index files
 *   already built are only checked to have been built so (fail closed: a shard naming copies
 *   beside the index must not be published as if it named release assets, nor the other way round)
 * @throws RefusalError when the validation holds errors, or an app's index files failed to build;
 *   Error when `hosting` asks index files the threads already built for other hosting than theirs
 */
export function indexBuildInput(
  validation: ValidationResult | IndexValidation,
  hosting: IndexHosting = {},
): IndexBuildInput {
  if (hasErrors(validation.diagnostics))
    throw new RefusalError("refused/validation-errors", "cannot build an index from a registry with validation errors");
  if ("index" in validation) assertBuiltWith(builtWith(validation), hosting);
  const root = "index" in validation ? validation.root : validation.registry.root;
  const input: IndexBuildInput = {
    root,
    apps: "index" in validation ? indexFilesOf(validation) : indexFilesFromFacts(validation, hosting),
    categories: validation.categories,
    artifactSources: validation.artifactSources,
  };
  if (validation.ledger) input.ledger = validation.ledger;
  if ("index" in validation && validation.cacheFolder !== undefined)
    input.registryFiles = registryFilesStoreIn(validation.cacheFolder);
  return input;
}

/**
 * Throws unless index files built with `built` hosting are what `asked` asks for (a field
 * `asked` does not hold is not checked; `releaseAssets: undefined` asks for copies beside the index).
 *
 * @throws Error naming both
 */
function assertBuiltWith(built: IndexHosting, asked: IndexHosting): void {
  const same =
    (asked.hostArtifacts === undefined || asked.hostArtifacts === built.hostArtifacts) &&
    (!("releaseAssets" in asked) ||
      (asked.releaseAssets?.owner === built.releaseAssets?.owner &&
        asked.releaseAssets?.repo === built.releaseAssets?.repo));
  if (!same)
    throw new Error(
      `the index files were built ${describeHosting(built)}, not ${describeHosting(asked)}: validate with validateForIndex(options, hosting) as the build hosts copies`,
    );
}

/** The hosting an index validation's files were built with. */
function builtWith(validation: IndexValidation): IndexHosting {
  return { hostArtifacts: validation.artifactSources.hostArtifacts, releaseAssets: validation.releaseAssets };
}

/** "hosting helm charts too, as release assets of o/r" and the like, for messages. */
function describeHosting(hosting: IndexHosting): string {
  const charts = hosting.hostArtifacts ? "hosting released helm charts too" : "hosting only hosted: true versions";
  const where = hosting.releaseAssets
    ? `as release assets of ${hosting.releaseAssets.owner}/${hosting.releaseAssets.repo}`
    : "beside the index";
  return `${charts}, ${where}`;
}

function indexFilesOf(validation: IndexValidation): IndexBuildInput["apps"] {
  if (validation.indexError !== undefined) throw new RefusalError("refused/index-files", validation.indexError);
  return validation.index;
}

function indexFilesFromFacts(result: ValidationResult, hosting: IndexHosting): IndexBuildInput["apps"] {
  const root = result.registry.root;
  const publishers = readPublishers(root).records;
  return result.apps.map((facts) => {
    const source: AppIndexSource = {
      facts,
      root,
      publishers,
      hostArtifacts: hosting.hostArtifacts ?? result.artifactSources.hostArtifacts,
    };
    if (hosting.releaseAssets) source.releaseAssets = hosting.releaseAssets;
    const metadata = result.metadata.get(facts.folder);
    if (metadata) source.metadata = metadata;
    const unavailable = result.unavailable.get(facts.folder);
    if (unavailable) source.unavailable = unavailable;
    return appIndexFiles(source);
  });
}
