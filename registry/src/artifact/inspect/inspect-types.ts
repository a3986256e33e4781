import type { ParsedYaml } from "../../manifest/parse-yaml.ts";
import type { AppManifest, Translated, VersionManifest } from "../../manifest/types.ts";
import type { Diagnostic } from "../../report/diagnostic.ts";
import type { RenderReport } from "../helm-tool/render-report.ts";
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

/** Metadata of a Helm chart (from Chart.yaml, Helm Chart.yaml v2). */
export interface HelmMetadata {
  chart: string;
  apiVersion: "v1" | "v2";
  type: "application" | "library";
  description?: string;
  keywords: string[];
  home?: string;
  sources: string[];
  kubeVersion?: string;
  appVersion?: string;
  dependencies: { name: string; version: string; repository?: string; condition?: string; alias?: string }[];
  /** Chart.yaml `maintainers`, as Helm writes them. */
  maintainers: { name: string; email?: string; url?: string }[];
  icon?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
  /** What `helm template` rendered (kinds, images, flags), when real Helm judged the chart. */
  render?: RenderReport;
}

/** Metadata of a Nextcloud app (from appinfo/info.xml, Nextcloud info.xsd). */
export interface NextcloudMetadata {
  id: string;
  name: Translated;
  summary: Translated;
  /** info.xml `<version>` as written. */
  version: string;
  licences: string[];
  authors: { name: string; mail?: string; homepage?: string }[];
  categories: string[];
  screenshots: string[];
  website?: string;
  bugs?: string;
  repository?: string;
  /** `<dependencies><nextcloud min-version max-version>`. */
  nextcloud: { min: string; max?: string };
  php?: { min?: string; max?: string };
  /** `<documentation>` URLs. */
  docs?: { user?: string; admin?: string; developer?: string };
  /** `<database>` and `<lib>` (PHP extension) dependencies with their info.xml versions. */
  databases?: { id: string; min?: string; max?: string }[];
  phpExtensions?: { id: string; min?: string; max?: string }[];
}

/** Metadata of a Compose application (from the Compose file, Compose Specification). */
export interface ComposeMetadata {
  /** Top-level `name`: the Compose project name, when the file sets one. */
  project?: string;
  services: { name: string; image?: string; dependsOn: string[]; ports: string[] }[];
  volumes: string[];
  networks: string[];
  /** Variables the file interpolates (`${NAME:?…}`, `${NAME:-…}`, …), in order of first use; absent in shards built before they were read. */
  variables?: { name: string; required: boolean; default?: string; message?: string }[];
  /** What the Compose file will create (services, images, flags). */
  render?: RenderReport;
}

/** Metadata of an OpenPitrix VM package (package.json, config.json, cluster template). */
export interface VmMetadata {
  name: string;
  version: string;
  appVersion?: string;
  description?: string;
  /** Keys of the user-facing parameters in config.json, dotted (e.g. `cluster.kafka.memory`). */
  parameters: string[];
  /** Template file name: `cluster.json.tmpl` or `cluster.json.mustache`. */
  template: string;
}

/** Metadata extracted from an artifact, stored in the shard under `versions[].metadata`. */
export type ArtifactMetadata =
  | { helm: HelmMetadata }
  | { nextcloud: NextcloudMetadata }
  | { compose: ComposeMetadata }
  | { vm: VmMetadata };
