import { readFile } from "node:fs/promises";
import path from "node:path";
import { compile } from "json-schema-to-typescript";
import { type ExternalRef, pascalCase, prepareSchema, type SchemaNode } from "./prepare-schema.ts";

/** One generated module: the TypeScript types of one schema file. */
export interface TypesTarget {
  /** Schema file name under `schema/`, e.g. `app.schema.json`. */
  schema: string;
  /** Repo-relative path of the generated module. */
  out: string;
  /** Name of the type of the schema's root; undefined for a file of `$defs` only (common.schema.json). */
  root?: string;
}

/** Where the generated types go: the lowest engine layer, so every folder can use them. */
const GENERATED = "registry/src/generated";

/** Every schema with generated types, and where they go. A schema referenced by another must be listed too. */
export const TYPES_TARGETS: TypesTarget[] = [
  { schema: "common.schema.json", out: `${GENERATED}/common.ts` },
  { schema: "app.schema.json", out: `${GENERATED}/app-manifest.ts`, root: "AppManifest" },
  { schema: "version.schema.json", out: `${GENERATED}/version-manifest.ts`, root: "VersionManifest" },
  { schema: "categories.schema.json", out: `${GENERATED}/categories-file.ts`, root: "CategoriesFile" },
  { schema: "index.schema.json", out: `${GENERATED}/registry-index.ts`, root: "RegistryIndex" },
  { schema: "catalog.schema.json", out: `${GENERATED}/catalog.ts`, root: "Catalog" },
  { schema: "bin.schema.json", out: `${GENERATED}/bin-file.ts`, root: "BinFile" },
  { schema: "review-record.schema.json", out: `${GENERATED}/review-record.ts`, root: "ReviewRecord" },
  { schema: "reviews.schema.json", out: `${GENERATED}/reviews-file.ts`, root: "ReviewsFile" },
  { schema: "shard.schema.json", out: `${GENERATED}/app-shard.ts`, root: "AppShard" },
];

const BANNER = (schema: string) =>
  `/**\n * Generated from schema/${schema} by \`npm run gen:types\` (codegen/schema-types.ts): do not edit.\n * registry/test/codegen/ fails when this file and the schema drift apart.\n */`;

/** The relative import specifier from one repo-relative module to another. */
function importPath(from: string, to: string): string {
  const rel = path.posix.relative(path.posix.dirname(from), to);
  return rel.startsWith(".") ? rel : `./${rel}`;
}

/** Generates one target's module text from the schema files under `schemaDir`. */
export async function generateTypes(target: TypesTarget, schemaDir: string): Promise<string> {
  const schema = JSON.parse(await readFile(path.join(schemaDir, target.schema), "utf8")) as SchemaNode;
  const imports = new Map<string, Set<string>>();
  const refName = (ref: ExternalRef): string => {
    const other = TYPES_TARGETS.find((t) => t.schema === ref.file);
    if (!other) throw new Error(`codegen: ${target.schema} refers to ${ref.file}, which has no entry in TYPES_TARGETS`);
    const name = ref.def ? pascalCase(ref.def) : other.root;
    if (!name) throw new Error(`codegen: ${target.schema} refers to the root of ${ref.file}, which has no root type`);
    if (other !== target) imports.set(other.out, (imports.get(other.out) ?? new Set()).add(name));
    return name;
  };
  const prepared = prepareSchema(schema, refName);
  const root = target.root ?? pascalCase(target.schema.replace(/\.schema\.json$/, ""));
  const body = await compile(prepared as Parameters<typeof compile>[0], root, {
    bannerComment: "",
    cwd: schemaDir,
    $refOptions: { resolve: { http: false, file: false } },
    additionalProperties: false,
    ignoreMinAndMaxItems: true,
    strictIndexSignatures: false,
    unknownAny: true,
    unreachableDefinitions: true,
    declareExternallyReferenced: true,
    format: true,
    customName: (node, key) =>
      node.$id !== undefined && node.$id === prepared.$id ? root : key ? pascalCase(key) : undefined,
  });
  const importLines = [...imports]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(
      ([module, names]) => `import type { ${[...names].sort().join(", ")} } from "${importPath(target.out, module)}";`,
    );
  return `${BANNER(target.schema)}\n${importLines.length ? `${importLines.join("\n")}\n` : ""}\n${body.trim()}\n`;
}

/** Every generated module by repo-relative path. */
export async function generateAllTypes(schemaDir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const target of TYPES_TARGETS) out.set(target.out, await generateTypes(target, schemaDir));
  return out;
}
