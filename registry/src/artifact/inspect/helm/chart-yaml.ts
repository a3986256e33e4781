import { Ajv, type ValidateFunction } from "ajv";
import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import type { Diagnostic } from "../../../report/diagnostic.ts";
import { describeSchemaErrors } from "../shared/describe-schema-errors.ts";
import { renameParseRules } from "../shared/rename-parse-rules.ts";
import { parseManifestText } from "../../../manifest/text-encoding.ts";

/** One entry of `dependencies` (Helm Chart.yaml v2; `requirements.yaml` in v1 charts). */
export interface ChartDependency {
  name: string;
  /** Version or range (Masterminds semver constraint), e.g. `22.x.x`. */
  version: string;
  /** Repository URL, `@repo`/`alias:repo` name, `oci://` registry or `file://` path; empty for a vendored chart. */
  repository?: string;
  condition?: string;
  tags?: string[];
  alias?: string;
  enabled?: boolean;
  "import-values"?: unknown[];
}

/** The fields of Chart.yaml Appshelf reads (Helm Chart.yaml v2; v1 charts have the same fields). */
export interface ChartYaml {
  apiVersion: string;
  name: string;
  version: string;
  kubeVersion?: string;
  description?: string;
  type?: string;
  keywords?: string[];
  home?: string;
  sources?: string[];
  dependencies?: ChartDependency[];
  maintainers?: { name: string; email?: string; url?: string }[];
  icon?: string;
  appVersion?: string;
  deprecated?: boolean;
  annotations?: Record<string, string>;
}

const strings = { type: "array", items: { type: "string" } };

/** JSON Schema of one dependency; Helm's `Dependency` struct (pkg/chart/dependency.go) field types. */
export const DEPENDENCY_SCHEMA = {
  type: "object",
  required: ["name", "version"],
  properties: {
    name: { type: "string", minLength: 1 },
    version: { type: "string", minLength: 1 },
    repository: { type: "string" },
    condition: { type: "string" },
    tags: strings,
    enabled: { type: "boolean" },
    "import-values": { type: "array" },
    alias: { type: "string" },
  },
};

/**
 * Field types of Chart.yaml, from Helm's `Metadata` struct (pkg/chart/metadata.go) and the
 * Chart.yaml reference (helm.sh/docs/topics/charts). Unknown keys are allowed, as Helm
 * ignores them (v1 charts carry `engine: gotpl`).
 */
const CHART_YAML_SCHEMA = {
  type: "object",
  required: ["apiVersion", "name", "version"],
  properties: {
    apiVersion: { type: "string" },
    name: { type: "string", minLength: 1 },
    version: { type: "string" },
    kubeVersion: { type: "string" },
    description: { type: "string" },
    type: { type: "string" },
    keywords: strings,
    home: { type: "string" },
    sources: strings,
    dependencies: { type: "array", items: DEPENDENCY_SCHEMA },
    maintainers: {
      type: "array",
      items: {
        type: "object",
        required: ["name"],
        properties: { name: { type: "string", minLength: 1 }, email: { type: "string" }, url: { type: "string" } },
      },
    },
    icon: { type: "string" },
    appVersion: { type: "string" },
    deprecated: { type: "boolean" },
    annotations: { type: "object", additionalProperties: { type: "string" } },
  },
};

/** `requirements.yaml` of an apiVersion v1 chart (Helm 2): only its `dependencies` list. */
const REQUIREMENTS_SCHEMA = {
  type: "object",
  properties: { dependencies: { type: "array", items: DEPENDENCY_SCHEMA } },
};

let validators: { chart: ValidateFunction; requirements: ValidateFunction } | undefined;

function compiled(): { chart: ValidateFunction; requirements: ValidateFunction } {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true });
    validators = { chart: ajv.compile(CHART_YAML_SCHEMA), requirements: ajv.compile(REQUIREMENTS_SCHEMA) };
  }
  return validators;
}

/** A YAML file of the chart, parsed and type-checked. */
export interface TypedYaml<T> {
  parsed: ParsedYaml;
  /** The data, only when its types are right. */
  value?: T;
  diagnostics: Diagnostic[];
}

/**
 * Parses Chart.yaml and checks its field types. Rule id `helm/chart-yaml` for YAML errors
 * and wrong or missing fields (e.g. `appVersion: 1.10`, which YAML reads as the number 1.1).
 *
 * @param file diagnostic file name, `<label>!<chart>/Chart.yaml`
 */
export function readChartYaml(file: string, text: string): TypedYaml<ChartYaml> {
  return readTyped<ChartYaml>(file, text, compiled().chart, "helm/chart-yaml");
}

/**
 * Parses the `requirements.yaml` of a v1 chart, where Helm 2 declared dependencies.
 * Rule id `helm/requirements-yaml`.
 */
export function readRequirementsYaml(file: string, text: string): TypedYaml<{ dependencies?: ChartDependency[] }> {
  return readTyped<{ dependencies?: ChartDependency[] }>(file, text, compiled().requirements, "helm/requirements-yaml");
}

function readTyped<T>(file: string, text: string, validate: ValidateFunction, ruleId: string): TypedYaml<T> {
  const parsed = parseManifestText(file, text);
  if (parsed.diagnostics.length > 0) return { parsed, diagnostics: renameParseRules(parsed.diagnostics, ruleId) };
  if (!validate(parsed.data))
    return { parsed, diagnostics: describeSchemaErrors(parsed, validate.errors ?? [], ruleId) };
  return { parsed, value: parsed.data as T, diagnostics: [] };
}
