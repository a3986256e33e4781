import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { warning, type Diagnostic } from "../report/diagnostic.ts";
import type { SourceChange } from "../review/review-snapshot.ts";
import type { AppDelta } from "./derive-app-delta.ts";
import { stringAt } from "./manifest-fields.ts";

/** Host of a version's artifact: the URL's host, `in-repo` for a file in the app folder, `hosted` for a copy the registry hosts (`artifact.hosted: true`), undefined when none. */
export function artifactHost(versionData: unknown): string | undefined {
  if (stringAt(versionData, ["artifact", "path"]) !== undefined) return "in-repo";
  if (isHosted(versionData)) return "hosted";
  const url = stringAt(versionData, ["artifact", "url"]);
  if (url === undefined) return undefined;
  try {
    return new URL(url).host.toLowerCase();
  } catch {
    return undefined;
  }
}

/**
 * `pr/artifact-host-changed` (warning, and a `sourceChanges` entry for the review gate): a
 * new version of an app released on the base branch downloads its artifact from a host
 * none of the app's versions on the base branch use. A "version bump" that moves to a new
 * host is a new source, so it is no fast path and business reviews it (`review/plan-stages.ts`).
 * Pure: `base` holds every version file of the apps that add versions (`planBaseReads`).
 */
export function checkSourceHosts(
  apps: readonly AppDelta[],
  base: ReadonlyMap<string, ParsedYaml>,
): { diagnostics: Diagnostic[]; changes: Map<string, SourceChange[]> } {
  const diagnostics: Diagnostic[] = [];
  const changes = new Map<string, SourceChange[]>();
  for (const app of apps) {
    if (app.isNew) continue;
    const prefix = `apps/${app.id}/versions/`;
    const previous = [
      ...new Set(
        [...base.values()].filter((p) => p.file.startsWith(prefix)).flatMap((p) => artifactHost(p.data) ?? []),
      ),
    ].sort();
    if (previous.length === 0) continue;
    for (const v of app.versions) {
      if (v.base || !v.head) continue;
      const host = artifactHost(v.head.data);
      if (host === undefined || previous.includes(host)) continue;
      const change = { version: `${v.delivery}/${v.version}`, host, previousHosts: previous };
      changes.set(app.id, [...(changes.get(app.id) ?? []), change]);
      diagnostics.push(
        warning(
          "pr/artifact-host-changed",
          v.head.file,
          v.head.locate([
            "artifact",
            v.head && stringAt(v.head.data, ["artifact", "path"]) !== undefined ? "path" : "url",
          ]),
          `version ${v.version} (${v.delivery}) of ${app.id} downloads from ${host}, while its released versions come from ${previous.join(", ")}: a new source, which the business review checks (no fast path)`,
        ),
      );
    }
  }
  return { diagnostics, changes };
}

function isHosted(versionData: unknown): boolean {
  const artifact =
    typeof versionData === "object" && versionData !== null
      ? (versionData as { artifact?: unknown }).artifact
      : undefined;
  return typeof artifact === "object" && artifact !== null && (artifact as { hosted?: unknown }).hosted === true;
}
