import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import type { InspectInput } from "../inspect-types.ts";
import type { PackageFolder } from "../shared/package-folder.ts";

/**
 * `package.json` of an OpenPitrix VM package. Fields from the OpenPitrix packaging spec
 * (openpitrix-specification, "package.json 文件"), which spells the API version
 * `apiVersion`; the `op` tool's `Metadata` struct writes `api_version` and `app_version`.
 * Both spellings of the API version are read.
 */
export interface PackageJson {
  apiVersion?: string;
  api_version?: string;
  name: string;
  /** SemVer 2. */
  version: string;
  app_version?: string;
  description?: string;
  home?: string;
  icon?: string;
  screenshots?: string[];
  keywords?: string[];
  maintainers?: { name: string; email?: string }[];
  sources?: string[];
}

/** Parameter types of config.json: the spec's "数据类型" table, plus `password` from the `op` tool. */
export const PARAMETER_TYPES = ["integer", "number", "string", "password", "boolean", "array"] as const;

/** One node of the config.json parameter tree (OpenPitrix packaging spec, "config.json 文件"). */
export interface ConfigItem {
  /** What `{{.cluster.<key>}}` placeholders name; no spaces. */
  key: string;
  type: (typeof PARAMETER_TYPES)[number];
  label?: string;
  description?: string;
  /** `array` items group child parameters here. */
  properties?: ConfigItem[];
  default?: unknown;
  required?: boolean;
  changeable?: boolean;
  /** Allowed values. */
  range?: unknown[];
  multichoice?: boolean;
  /** Joins multichoice values; default `,`. */
  separator?: string;
  /** integer/number only. */
  min?: number;
  max?: number;
  step?: number;
  /** Regular expression the value must match. */
  pattern?: string;
}

/** config.json: an `array` root whose `properties` are the top-level groups (`cluster`, `env`, ...). */
export interface ConfigJson {
  type?: "array";
  properties: ConfigItem[];
}

/** A parsed JSON file of the package with its typed value (present only when its shape is right). */
export interface PackageFile<T> {
  parsed: ParsedYaml;
  value?: T;
}

/** What the package checks share. */
export interface VmContext {
  input: InspectInput;
  folder: PackageFolder;
}

/** Template file names, in the order they are looked for: the spec's and the developer guide's. */
export const TEMPLATE_NAMES = ["cluster.json.tmpl", "cluster.json.mustache"] as const;
