import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import type { VersionManifest } from "../manifest/types.ts";
import { nativeNamesOf, type NativeName } from "../names/native-names.ts";
import type { AppFacts } from "../validate/rules/index.ts";

/**
 * Every native name the valid versions of `apps` claim (`nativeNamesOf`, with the metadata
 * their artifacts' inspections read): what rule `index/name-taken` checks registry-wide.
 *
 * @param metadata app folder -> `<delivery>/<version>` -> metadata, as a validation keeps it
 */
export function claimedNamesOf(
  apps: readonly AppFacts[],
  metadata: ReadonlyMap<string, ReadonlyMap<string, ArtifactMetadata>>,
): NativeName[] {
  return apps.flatMap((app) => {
    const versions = app.versions.filter((v) => v.valid).map((v) => v.data as VersionManifest);
    const files = new Map(app.versions.map((v) => [v.data as VersionManifest, v.parsed.file]));
    return nativeNamesOf(app.folder, versions, metadata.get(app.folder), (v) => files.get(v) ?? `apps/${app.folder}`);
  });
}
