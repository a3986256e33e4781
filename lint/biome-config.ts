import { CYCLE_EXEMPTIONS, LAYER_RULES, type LayerRule, type RuleFiles } from "./layer-rules.ts";

/** The JSON Biome reads from `biome.json` (the parts this project sets). */
export type BiomeConfig = Record<string, unknown>;

/** Files Biome lints (and, when the lead runs it, formats): the project's TypeScript and JavaScript. */
export const LINTED_FILES = [
  "registry/**/*.ts",
  "scripts/**/*.ts",
  "lint/**/*.ts",
  "codegen/**/*.ts",
  "packages/client/**/*.ts",
  "packages/client/bin/*.js",
  "site/src/**/*.ts",
  "site/test/**/*.ts",
  "site/scripts/**/*.ts",
  "site/*.mjs",
  "bin/*.js",
  "*.ts",
];

/** Written by generators and compared byte for byte by drift tests: never reformatted. */
export const GENERATED_FILES = ["registry/src/**/generated/**", "biome.json"];

/** A set of files one override binds: a folder's source files or its tests. */
interface Zone {
  folder: string;
  files: RuleFiles;
}

const depth = (folder: string): number => folder.split("/").length;
const within = (folder: string, scope: string): boolean => folder === scope || folder.startsWith(`${scope}/`);
const isTestFolder = (folder: string): boolean => folder.split("/").includes("test");

/** Globs of a zone, relative to the repository root. */
function zoneIncludes({ folder, files }: Zone): string[] {
  if (files === "source") return [`${folder}/**`, "!**/*.test.ts"];
  return isTestFolder(folder) ? [`${folder}/**`] : [`${folder}/**/*.test.ts`];
}

/** Rules binding every file of the zone. */
function rulesOf(zone: Zone): LayerRule[] {
  return LAYER_RULES.filter(
    (r) =>
      r.files === zone.files &&
      r.scope.some((s) => within(zone.folder, s)) &&
      !(r.except ?? []).some((e) => within(zone.folder, e)),
  );
}

/** `noRestrictedImports` options joining every rule of the zone (Biome keeps only the last matching override's). */
function restrictedImports(rules: LayerRule[]): Record<string, unknown> {
  const paths: Record<string, string> = {};
  for (const rule of rules) {
    for (const name of rule.modules ?? []) paths[name] = paths[name] ? `${paths[name]} ${rule.message}` : rule.message;
  }
  const patterns = rules.flatMap((r) => (r.patterns?.length ? [{ group: r.patterns, message: r.message }] : []));
  return { level: "error", options: { paths, patterns } };
}

/**
 * One override per folder any rule names, shallow before deep: Biome applies every matching
 * override but a rule's options come from the last one, so each override carries all the
 * rules binding its folder. Source zones come before test zones.
 */
function zones(): Zone[] {
  const seen = new Map<string, Zone>();
  for (const rule of LAYER_RULES) {
    for (const folder of [...rule.scope, ...(rule.except ?? [])])
      seen.set(`${rule.files} ${folder}`, { folder, files: rule.files });
  }
  const order = (z: Zone) => (z.files === "source" ? 0 : 1);
  return [...seen.values()].sort(
    (a, b) => order(a) - order(b) || depth(a.folder) - depth(b.folder) || a.folder.localeCompare(b.folder),
  );
}

/** The whole `biome.json`: lint rules from the layer table, the formatter settings, generated files left alone. */
export function biomeConfig(): BiomeConfig {
  const overrides: Record<string, unknown>[] = zones().map((zone) => ({
    includes: zoneIncludes(zone),
    linter: { rules: { style: { noRestrictedImports: restrictedImports(rulesOf(zone)) } } },
  }));
  if (CYCLE_EXEMPTIONS.length > 0) {
    overrides.push({ includes: CYCLE_EXEMPTIONS, linter: { rules: { suspicious: { noImportCycles: "off" } } } });
  }
  overrides.push({ includes: GENERATED_FILES, formatter: { enabled: false } });
  return {
    $schema: "./node_modules/@biomejs/biome/configuration_schema.json",
    vcs: { enabled: true, clientKind: "git", useIgnoreFile: true },
    files: { includes: LINTED_FILES },
    assist: { enabled: false },
    formatter: { enabled: true, indentStyle: "space", indentWidth: 2, lineWidth: 120 },
    javascript: { formatter: { quoteStyle: "double", semicolons: "always", trailingCommas: "all" } },
    linter: {
      enabled: true,
      rules: { preset: "none", suspicious: { noImportCycles: { level: "error", options: { ignoreTypes: false } } } },
    },
    overrides,
  };
}

/** `biome.json` as written to disk: two-space JSON and a final newline. */
export const biomeConfigText = (): string => `${JSON.stringify(biomeConfig(), null, 2)}\n`;
