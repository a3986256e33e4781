import type { ParsedYaml } from "../../manifest/parse-yaml.ts";
import type { ArtifactMetadata } from "../../generated/app-shard.ts";
import type { AppManifest, VersionManifest } from "../../manifest/types.ts";
import type { Diagnostic } from "../../report/diagnostic.ts";
import type { HelmBinary } from "../helm-tool/resolve-helm.ts";

/** What an inspector gets: the verified bytes of one release artifact and its manifest. */
export interface InspectInput {
  /** Artifact bytes; their sha256 and size already match the manifest. */
  bytes: Buffer;
  /**
   * Name used in diagnostics about the artifact: its file name (`harbor-1.19.1.tgz`) or,
   * for in-repo artifacts, its repo path (`apps/wordpress/compose.yaml`). Entries inside an
   * archive are reported as `<label>!<path>`, e.g. `harbor-1.19.1.tgz!harbor/Chart.yaml`.
   */
  label: string;
  /** The app id (folder name under apps/). */
  appId: string;
  /** The version manifest (schema-valid). */
  version: VersionManifest;
  /** The parsed version file, to point diagnostics about the manifest at its lines. */
  manifest: ParsedYaml;
  /** External tools (Helm) and how strict to be when one is missing; defaults: found on first use, warnings. */
  tools?: InspectTools;
  /** The app manifest (app.yaml) as parsed, when it passed its schema: Nextcloud code signing reads its certificate. */
  app?: { data: AppManifest; parsed: ParsedYaml };
  /** Time of the check in ms since the epoch (certificate validity); default `Date.now()`. */
  now?: number;
}

/** How inspectors reach external tools; see {@link InspectInput.tools}. */
export interface InspectTools {
  /** The Helm binary, or undefined when none was found. Resolved with `sharedHelm()` when the key is absent. */
  helm?: HelmBinary | undefined;
  /** A skipped tool check is an error instead of a warning (`--require-artifacts`). */
  requireTools: boolean;
  /** Folder of cached Helm verdicts; false for none; the default folder when absent. */
  verdictDir?: string | false;
}

/** What an inspector returns: problems, and metadata for the shard when the artifact is well-formed. */
export interface InspectResult {
  diagnostics: Diagnostic[];
  metadata?: ArtifactMetadata;
}

/** Checks one delivery type's artifacts. Pure apart from CPU: no network, no writes outside a private temp dir. */
export type Inspector = (input: InspectInput) => Promise<InspectResult>;

/**
 * What inspection reads from an artifact, stored in the shard under `versions[].metadata`:
 * the shard's own types, generated from schema/shard.schema.json (`$defs/helmMetadata`
 * from Chart.yaml, `nextcloudMetadata` from info.xml per Nextcloud info.xsd,
 * `composeMetadata` from the Compose file, `vmMetadata` from an OpenPitrix VM package).
 */
export type {
  ArtifactMetadata,
  ComposeMetadata,
  HelmMetadata,
  NextcloudMetadata,
  VmMetadata,
} from "../../generated/app-shard.ts";
