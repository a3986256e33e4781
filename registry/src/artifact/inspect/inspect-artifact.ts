import type { DeliveryType } from "../../manifest/types.ts";
import { error } from "../../report/diagnostic.ts";
import { inspectCompose } from "./compose/inspect-compose.ts";
import { inspectHelm } from "./helm/inspect-helm.ts";
import type { InspectInput, InspectResult, Inspector } from "./inspect-types.ts";
import { inspectNextcloud } from "./nextcloud/inspect-nextcloud.ts";
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
 * its metadata (see the inspectors in helm/, nextcloud/, compose/, vm/). An inspector that
 * throws is reported as `artifact/inspect-failed` rather than ending the run.
 */
export async function inspectArtifact(input: InspectInput): Promise<InspectResult> {
  try {
    return await INSPECTORS[input.version.delivery](input);
  } catch (cause) {
    return { diagnostics: [error("artifact/inspect-failed", input.label, undefined, `could not inspect ${input.label}: ${(cause as Error).message}`)] };
  }
}
