import type { LoadedApp } from "../manifest/load-registry.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { AppManifest, VersionManifest } from "../manifest/types.ts";
import type { PublisherRecord } from "../publisher/publisher-record.ts";
import type { Diagnostic } from "../report/diagnostic.ts";
import { checkManifest, type ManifestCheck, type ManifestKind } from "./check-manifest.ts";
import { checkPublisherRefs } from "./check-publisher-refs.ts";
import { APP_RULES, type AppFacts } from "./rules/index.ts";

/** What validating one app's files needs besides the files. */
export interface AppFilesContext {
  /** Category ids of the valid category list. */
  categories: ReadonlySet<string>;
  /** Valid publisher records by id. */
  publishers: ReadonlyMap<string, PublisherRecord>;
  /**
   * The parse and schema check of a manifest (default {@link checkManifest}); a run layer
   * may answer from a cache, with the same result.
   */
  check?: (parsed: ParsedYaml, kind: ManifestKind) => ManifestCheck;
  /** Accept `http://127.0.0.1` URLs in manifests (tests only), for the default check. */
  allowHttpLoopback?: boolean;
}

/** What one app's files say: the facts the rules and the index read, and every problem found. */
export interface AppFilesValidation {
  facts: AppFacts;
  /** Parse and schema problems, then rule problems (`validate/rules`, `app/publisher-exists`). */
  diagnostics: Diagnostic[];
}

/**
 * Validates one app's files (as `loadApp` read them): each manifest against its schema,
 * then the named rules (`APP_RULES`) and publisher references on the properties that
 * passed. Pure: reads nothing but what it is given. Artifacts are checked apart
 * (`checkVersionArtifact`), as they need the network.
 */
export function validateAppFiles(loaded: LoadedApp, context: AppFilesContext): AppFilesValidation {
  const { facts, diagnostics } = gatherAppFacts(loaded, context);
  diagnostics.push(...checkAppRules(facts, context.publishers));
  return { facts, diagnostics };
}

/**
 * The first half of {@link validateAppFiles}: each manifest's parse and schema problems,
 * and the facts (the properties that passed) the rules read. Pure.
 */
export function gatherAppFacts(loaded: LoadedApp, context: AppFilesContext): AppFilesValidation {
  const diagnostics: Diagnostic[] = [];
  const facts = gatherFacts(loaded, context, diagnostics);
  return { facts, diagnostics };
}

/**
 * The second half of {@link validateAppFiles}: the named rules (`APP_RULES`), then
 * `app/publisher-exists`. Pure: a function of the facts and the publisher records only,
 * so a run layer may keep its result by a hash of those (`run/app-rules-key.ts`).
 */
export function checkAppRules(facts: AppFacts, publishers: ReadonlyMap<string, PublisherRecord>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const rule of APP_RULES) diagnostics.push(...rule(facts));
  diagnostics.push(...checkPublisherRefs(facts, publishers));
  return diagnostics;
}

/** Schema-checks an app's files and keeps, for the semantic rules, the properties that pass. */
function gatherFacts(loaded: LoadedApp, context: AppFilesContext, diagnostics: Diagnostic[]): AppFacts {
  const check =
    context.check ??
    ((parsed: ParsedYaml, kind: ManifestKind) => checkManifest(parsed, kind, context.allowHttpLoopback ?? false));
  const facts: AppFacts = { folder: loaded.id, versions: [], categories: context.categories };
  if (loaded.icon) facts.icon = loaded.icon;
  if (loaded.app) {
    const { diagnostics: problems, checked } = check(loaded.app, "app");
    diagnostics.push(...problems);
    if (checked) facts.app = { parsed: loaded.app, data: checked.data as Partial<AppManifest>, valid: checked.valid };
  }
  for (const version of loaded.versions) {
    const { diagnostics: problems, checked } = check(version.parsed, "version");
    diagnostics.push(...problems);
    if (checked)
      facts.versions.push({ ...version, data: checked.data as Partial<VersionManifest>, valid: checked.valid });
  }
  return facts;
}
