import { appIndexFiles, type AppIndexSource } from "../index/app-index-files.ts";
import type { IndexBuildInput } from "../index/build-registry.ts";
import { readPublishers } from "../publisher/read-publishers.ts";
import { hasErrors } from "../report/diagnostic.ts";
import type { IndexValidation, ValidationResult } from "./registry-results.ts";
import { RefusalError } from "../errors/appshelf-error.ts";

/**
 * What `buildRegistry` builds from, out of a validation: the index files built by
 * `validateForIndex`, or built here from `validateRegistry`'s facts. A registry with
 * validation errors never reaches the build.
 *
 * @throws RefusalError when the validation holds errors, or an app's index files failed to build
 */
export function indexBuildInput(validation: ValidationResult | IndexValidation): IndexBuildInput {
  if (hasErrors(validation.diagnostics)) throw new RefusalError("refused/validation-errors", "cannot build an index from a registry with validation errors");
  const root = "index" in validation ? validation.root : validation.registry.root;
  const input: IndexBuildInput = { root, apps: "index" in validation ? indexFilesOf(validation) : indexFilesFromFacts(validation), categories: validation.categories, artifactSources: validation.artifactSources };
  if (validation.ledger) input.ledger = validation.ledger;
  return input;
}

function indexFilesOf(validation: IndexValidation): IndexBuildInput["apps"] {
  if (validation.indexError !== undefined) throw new RefusalError("refused/index-files", validation.indexError);
  return validation.index;
}

function indexFilesFromFacts(result: ValidationResult): IndexBuildInput["apps"] {
  const root = result.registry.root;
  const publishers = readPublishers(root).records;
  return result.apps.map((facts) => {
    const source: AppIndexSource = { facts, root, publishers, hostArtifacts: result.artifactSources.hostArtifacts };
    const metadata = result.metadata.get(facts.folder);
    if (metadata) source.metadata = metadata;
    const unavailable = result.unavailable.get(facts.folder);
    if (unavailable) source.unavailable = unavailable;
    return appIndexFiles(source);
  });
}
