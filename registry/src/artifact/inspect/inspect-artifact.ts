import type { DeliveryType } from "../../manifest/types.ts";
import { error } from "../../report/diagnostic.ts";
import { inspectCompose } from "./compose/inspect-compose.ts";
import { inspectHelm } from "./helm/inspect-helm.ts";
import type { InspectInput, InspectResult, Inspector } from "./inspect-types.ts";
import { inspectNextcloud } from "./nextcloud/inspect-nextcloud.ts";
import { checkMetadataText } from "./republish/check-metadata-text.ts";
import { inspectVm } from "./vm/inspect-vm.ts";

/** The inspector of each delivery type. */
const INSPECTORS: Record<DeliveryType, Inspector> = {
  helm: inspectHelm,
  nextcloud: inspectNextcloud,
  compose: inspectCompose,
  vm: inspectVm,
};

/**
 * Checks that a verified artifact is a well-formed package of its delivery type and reads
 * its metadata (see the inspectors in helm/, nextcloud/, compose/, vm/). Metadata is kept
 * only when every string of it passes the republished-text rules (`republish/`: hidden
 * characters, https URLs), since shards, helm/index.yaml and the Nextcloud API republish
 * it. An inspector that throws is reported as `artifact/inspect-failed` rather than ending the run.
 */
export async function inspectArtifact(input: InspectInput): Promise<InspectResult> {
  try {
    const result = await INSPECTORS[input.version.delivery](input);
    if (!result.metadata) return result;
    // What shards republish passes the manifests' text and URL rules; metadata that fails is not kept.
    const refused = checkMetadataText(result.metadata, input.label);
    return refused.length === 0 ? result : { diagnostics: [...result.diagnostics, ...refused] };
  } catch (cause) {
    return {
      diagnostics: [
        error(
          "artifact/inspect-failed",
          input.label,
          undefined,
          `could not inspect ${input.label}: ${(cause as Error).message}`,
        ),
      ],
    };
  }
}
