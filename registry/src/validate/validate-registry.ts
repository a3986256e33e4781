import pLimit from "p-limit";
import { openMirror } from "../artifact/mirror.ts";
import { DEFAULT_FETCH_LIMITS, type FetchLimits } from "../artifact/fetch-artifact.ts";
import type { ErrorObject } from "ajv/dist/2020.js";
import { openArtifactCache } from "../artifact/artifact-cache.ts";
import { verifyArtifact, type ArtifactOptions } from "../artifact/verify-artifacts.ts";
import { loadRegistry, type LoadedApp, type LoadedRegistry } from "../manifest/load-registry.ts";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { versionKey, type AppManifest, type Category, type VersionManifest } from "../manifest/types.ts";
import { error, sortDiagnostics, warning, type Diagnostic } from "../report/diagnostic.ts";
import { checkCategories } from "./check-categories.ts";
import { APP_RULES, type AppFacts, type VersionFacts } from "./rules/index.ts";
import { inspectArtifact } from "../artifact/inspect/inspect-artifact.ts";
import type { ArtifactMetadata } from "../artifact/inspect/inspect-types.ts";
import { schemaDiagnostics } from "./schema-diagnostics.ts";
import { schemaCheck } from "./schemas.ts";

/** Artifacts verified and inspected at the same time (downloads, archive reads). */
const ARTIFACT_CONCURRENCY = 8;

/** What to validate and how. */
export interface ValidateOptions {
  /** Absolute registry root (holds `apps/` and `schema/`). */
  root: string;
  /** Only these app ids (from `appshelf validate <paths>`); all apps when undefined. */
  apps?: ReadonlySet<string>;
  /** Mirror folders searched for artifacts before the network. */
  mirrors: readonly string[];
  /** Do not download artifacts. */
  offline: boolean;
  /** Unverifiable artifacts are errors, not warnings. */
  requireArtifacts: boolean;
  /** Download limits; defaults to {@link DEFAULT_FETCH_LIMITS}. `allowHttpLoopback` also lets manifests name `http://127.0.0.1` URLs (tests only). */
  limits?: FetchLimits;
  /** Folder of the digest-keyed download cache; no cache when undefined. */
  cacheDir?: string;
}

/** Result of a validation run. */
export interface ValidationResult {
  /** Every problem, sorted by file and line. */
  diagnostics: Diagnostic[];
  /** Facts of every app read, with the files that passed their schemas. */
  apps: AppFacts[];
  /** The category list, when it is valid. */
  categories: Category[];
  /** Number of apps and version files checked, and artifacts verified by digest. */
  counts: { apps: number; versions: number; artifactsVerified: number };
  /** Metadata read from well-formed artifacts: app folder -> `<delivery>/<version>` -> metadata. */
  metadata: Map<string, Map<string, ArtifactMetadata>>;
  registry: LoadedRegistry;
}

/**
 * Validates the registry at `options.root`: layout, YAML, JSON Schemas, the named semantic
 * rules (validate/rules) and the release artifacts (digest and size). Reports every
 * problem in one run. Never throws for bad input; throws only when `apps/` or
 * `schema/categories.yaml` cannot be read at all.
 */
export async function validateRegistry(options: ValidateOptions): Promise<ValidationResult> {
  const registry = await loadRegistry(options.root, options.apps);
  const diagnostics: Diagnostic[] = [...registry.diagnostics];
  const { categories, diagnostics: categoryProblems } = checkCategories(registry.categories);
  diagnostics.push(...categoryProblems);
  const categoryIds = new Set(categories.map((c) => c.id));

  const { mirror, missing } = await openMirror(options.mirrors);
  for (const dir of missing) diagnostics.push(warning("artifact/mirror-missing", dir, undefined, `mirror folder ${dir} does not exist; skipped`));
  const limits = options.limits ?? DEFAULT_FETCH_LIMITS;
  const artifactOptions: ArtifactOptions = { root: options.root, mirror, offline: options.offline, requireArtifacts: options.requireArtifacts, limits };
  if (options.cacheDir) artifactOptions.cache = openArtifactCache(options.cacheDir);

  const apps = registry.apps.map((loaded) => gatherFacts(loaded, categoryIds, diagnostics, limits.allowHttpLoopback));
  let artifactsVerified = 0;
  for (const facts of apps) {
    for (const rule of APP_RULES) diagnostics.push(...rule(facts));
  }
  const metadata = new Map<string, Map<string, ArtifactMetadata>>();
  // Downloads and inspections run a few at a time: a registry may hold 100 000 versions.
  const limit = pLimit(ARTIFACT_CONCURRENCY);
  const checks = await Promise.all(
    apps.flatMap((facts) => facts.versions.map((v) => limit(() => checkVersionArtifact(facts.folder, v, artifactOptions)))),
  );
  for (const check of checks) {
    diagnostics.push(...check.diagnostics);
    if (check.verified) artifactsVerified++;
    if (check.metadata) {
      const perApp = metadata.get(check.folder) ?? new Map<string, ArtifactMetadata>();
      perApp.set(check.key, check.metadata);
      metadata.set(check.folder, perApp);
    }
  }
  if (options.apps) {
    for (const id of options.apps) {
      if (!registry.apps.some((a) => a.id === id)) diagnostics.push(error("layout/unknown-app", `apps/${id}`, undefined, `there is no app folder apps/${id}`));
    }
  }
  const versions = registry.apps.reduce((n, a) => n + a.versions.length, 0);
  return { diagnostics: sortDiagnostics(diagnostics), apps, categories, counts: { apps: registry.apps.length, versions, artifactsVerified }, metadata, registry };
}

/** Verifies a version's artifact and, when its bytes match, inspects it as its delivery type. */
async function checkVersionArtifact(
  folder: string,
  version: VersionFacts,
  options: ArtifactOptions,
): Promise<{ folder: string; key: string; diagnostics: Diagnostic[]; verified: boolean; metadata?: ArtifactMetadata }> {
  const { artifact, delivery } = version.data;
  const key = versionKey({ delivery: delivery ?? version.folder, version: version.data.version ?? version.fileVersion });
  if (!artifact) return { folder, key, diagnostics: [], verified: false };
  const check = await verifyArtifact(`apps/${folder}`, version, artifact, options);
  if (!check.bytes || !version.valid) return { folder, key, diagnostics: check.diagnostics, verified: check.verified };
  const inspected = await inspectArtifact({
    bytes: check.bytes,
    label: check.label ?? folder,
    appId: folder,
    version: version.data as VersionManifest,
    manifest: version.parsed,
  });
  const result = { folder, key, diagnostics: [...check.diagnostics, ...inspected.diagnostics], verified: check.verified };
  return inspected.metadata ? { ...result, metadata: inspected.metadata } : result;
}

/** Schema-checks an app's files and keeps, for the semantic rules, the properties that pass. */
function gatherFacts(loaded: LoadedApp, categories: ReadonlySet<string>, diagnostics: Diagnostic[], allowHttpLoopback: boolean): AppFacts {
  const facts: AppFacts = { folder: loaded.id, versions: [], categories };
  if (loaded.icon) facts.icon = loaded.icon;
  if (loaded.app) {
    const checked = checkFile(loaded.app, "app", diagnostics, false);
    if (checked) facts.app = { parsed: loaded.app, data: checked.data as Partial<AppManifest>, valid: checked.valid };
  }
  for (const version of loaded.versions) {
    const checked = checkFile(version.parsed, "version", diagnostics, allowHttpLoopback);
    if (checked) facts.versions.push({ ...version, data: checked.data as Partial<VersionManifest>, valid: checked.valid });
  }
  return facts;
}

/**
 * Reports a file's parse and schema problems; returns undefined when it did not parse,
 * otherwise its data without the top-level properties that failed the schema.
 */
function checkFile(parsed: ParsedYaml, kind: "app" | "version", diagnostics: Diagnostic[], allowHttpLoopback: boolean): { data: object; valid: boolean } | undefined {
  diagnostics.push(...parsed.diagnostics);
  if (parsed.diagnostics.length > 0 || !isObject(parsed.data)) {
    if (parsed.diagnostics.length === 0) diagnostics.push(error("schema/type", parsed.file, { line: 1, column: 1 }, "the document must be a mapping of properties"));
    return undefined;
  }
  const loopback = (e: ErrorObject) => allowHttpLoopback && e.keyword === "pattern" && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(String(e.data));
  const errors = schemaCheck(kind)(parsed.data).filter((e) => !loopback(e));
  diagnostics.push(...schemaDiagnostics(parsed, errors));
  const data: Record<string, unknown> = { ...parsed.data };
  for (const e of errors) {
    const top = e.instancePath.split("/")[1] ?? (e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : undefined);
    if (top !== undefined) delete data[top.replace(/~1/g, "/").replace(/~0/g, "~")];
  }
  return { data, valid: errors.length === 0 };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
