import { appIndexFiles, type AppIndexSource } from "../index/app-index-files.ts";
import type { IndexBuildInput } from "../index/build-registry.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { hasErrors } from "../report/diagnostic.ts";
import type { IndexValidation, ValidationResult } from "./registry-results.ts";
import { RefusalError } from "../errors/appshelf-error.ts";
import type { ReleaseAssetHosting } from "../index/release-assets/release-asset-url.ts";

/** How hosted copies are published (see `build --host-artifacts`, `--release-assets`). */
export interface IndexHosting {
  /** Host released helm charts that have an upstream URL too. */
  hostArtifacts?: boolean;
  /** Host copies as GitHub Release assets of this repository. */
  releaseAssets?: ReleaseAssetHosting;
}

/**
 * What `buildRegistry` builds from, out of a validation: the index files built by
 * `validateForIndex`, or built here from `validateRegistry`'s facts. A registry with
 * validation errors never reaches the build.
 *
 * With `hosting.releaseAssets` (`build --release-assets`), hosted copies get release-asset
 * URLs: that needs the facts (`validateRegistry`), since the validation threads build
 * index files with copies beside the index.
 *
 * @param hosting how copies are hosted; default: as the validation was run
 * @throws RefusalError when the validation holds errors, an app's index files failed to build, or
 *   release-asset hosting is asked of index files the threads already built
 */
export function indexBuildInput(
  validation: ValidationResult | IndexValidation,
  hosting: IndexHosting = {},
): IndexBuildInput {
  if (hasErrors(validation.diagnostics))
    throw new RefusalError("refused/validation-errors", "cannot build an index from a registry with validation errors");
  if ("index" in validation && hosting.releaseAssets)
    throw new Error(
      "release-asset hosting builds the index files from the facts: validate with validateRegistry, not validateForIndex",
    );
  const root = "index" in validation ? validation.root : validation.registry.root;
  const input: IndexBuildInput = {
    root,
    apps: "index" in validation ? indexFilesOf(validation) : indexFilesFromFacts(validation, hosting),
    categories: validation.categories,
    artifactSources: validation.artifactSources,
  };
  if (validation.ledger) input.ledger = validation.ledger;
  return input;
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
