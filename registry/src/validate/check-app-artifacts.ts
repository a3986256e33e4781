import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { DEFAULT_FETCH_LIMITS } from "../artifact/fetch-artifact.ts";
import type { InspectTools } from "../artifact/inspect/inspect-types.ts";
import type { Mirror } from "../artifact/mirror.ts";
import type { ArtifactOptions } from "../artifact/verify-artifacts.ts";
import type { LedgerContext } from "../ledger/ledger-types.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import type { AppManifest } from "../manifest/types.ts";
import { checkVersionArtifact, type VersionArtifactCheck } from "./check-version-artifact.ts";
import type { AppFacts } from "./rules/index.ts";
import type { ValidateOptions } from "./validate-options.ts";

/** What checking artifacts needs: where to find them, the ledger, the inspection tools. */
export interface ArtifactCheckContext {
  artifacts: ArtifactOptions;
  ledger?: LedgerContext;
  tools: InspectTools;
}

/** The artifact check context of a validation: `options` with the opened mirror. */
export function artifactCheckContext(options: ValidateOptions, mirror: Mirror): ArtifactCheckContext {
  const tools: InspectTools = { requireTools: options.requireArtifacts };
  if (options.verdictCacheDir !== undefined) tools.verdictDir = options.verdictCacheDir;
  const artifacts: ArtifactOptions = {
    root: options.root,
    mirror,
    offline: options.offline,
    requireArtifacts: options.requireArtifacts,
    limits: options.limits ?? DEFAULT_FETCH_LIMITS,
  };
  if (options.cacheDir) artifacts.cache = openArtifactCache(options.cacheDir);
  return { artifacts, tools, ...(options.ledger ? { ledger: options.ledger } : {}) };
}

/**
 * Checks the artifact of every version of an app (see {@link checkVersionArtifact}), each
 * started through `schedule` (a run layer limits how many run at once).
 */
export function checkAppArtifacts(
  app: AppFacts,
  context: ArtifactCheckContext,
  schedule: <T>(task: () => Promise<T>) => Promise<T> = (task) => task(),
): Promise<VersionArtifactCheck>[] {
  return app.versions.map((v) =>
    schedule(() =>
      checkVersionArtifact(app.folder, v, context.artifacts, context.ledger, context.tools, signingFacts(app)),
    ),
  );
}

/** The app manifest as Nextcloud code signing reads it (its certificate), when it passed its schema. */
function signingFacts(app: AppFacts): { data: AppManifest; parsed: ParsedYaml } | undefined {
  return app.app?.valid ? { data: app.app.data as AppManifest, parsed: app.app.parsed } : undefined;
}
