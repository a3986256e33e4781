import { readArchive } from "../artifact/archive/read-archive.ts";
import { resolveMergeKeys } from "../artifact/inspect/compose/resolve-merge-keys.ts";
import { readChartYaml } from "../artifact/inspect/helm/chart-yaml.ts";
import { findTopFolder, readText } from "../artifact/inspect/shared/package-folder.ts";
import { isMapping } from "../artifact/inspect/shared/mapping.ts";
import { parseManifestText } from "../manifest/text-encoding.ts";
import type { DeliveryType } from "../manifest/types.ts";
import type { ArtifactNames } from "./native-names.ts";

/**
 * The native name an artifact's own bytes give, read the way its inspector reads it but
 * without the checks around it (no Helm binary, no schemas, no signatures), for the names
 * an app holds on a pull request's base branch:
 * - helm: Chart.yaml `name` of the chart folder (`readArchive`, `findTopFolder`,
 *   `readChartYaml`, as `inspectHelm` reads it);
 * - compose: the top-level `name` of the Compose file (`parseManifestText` with merge keys
 *   resolved, as `inspectCompose` and `toComposeMetadata` read it), when it is a non-empty string.
 * Nextcloud archives are not read: their top folder must be the app id (`nextcloud/top-folder`).
 *
 * @param label the artifact's name for the archive reader (e.g. `apps/x/chart.tgz`)
 * @returns undefined when the bytes hold no readable name (the declared name then stands)
 */
export async function readArtifactNames(
  delivery: DeliveryType,
  bytes: Buffer,
  label: string,
): Promise<ArtifactNames | undefined> {
  if (delivery === "compose") {
    const parsed = parseManifestText(label, bytes.toString("utf8").replace(/^\uFEFF/, ""));
    if (parsed.diagnostics.length > 0) return undefined;
    const data = resolveMergeKeys(parsed.data);
    const project = isMapping(data) ? data.name : undefined;
    return typeof project === "string" && project !== "" ? { compose: { project } } : undefined;
  }
  if (delivery !== "helm") return undefined;
  const { archive } = await readArchive(bytes, label, ["tar.gz"]);
  if (!archive) return undefined;
  const { folder } = findTopFolder(archive, "helm/top-folder", "the chart");
  const text = folder ? readText(folder, "Chart.yaml") : undefined;
  if (text === undefined) return undefined;
  const chart = readChartYaml(`${label}!Chart.yaml`, text).parsed.data;
  const name = isMapping(chart) ? chart.name : undefined;
  return typeof name === "string" && name !== "" ? { helm: { chart: name } } : undefined;
}
