/**
 * `npm run gen:types`: regenerates `$defs/categoryId` of `schema/common.schema.json` from
 * `schema/categories.yaml`, then the TypeScript types of the schemas (codegen/schema-types.ts,
 * TYPES_TARGETS) into `registry/src/generated/`. Each file is written to a
 * temp file and renamed into place. registry/test/codegen/ fails when any of them drifts.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { withCategoryIds } from "../codegen/category-ids.ts";
import { generateAllTypes } from "../codegen/schema-types.ts";
import { replaceFileSync } from "../registry/src/fs/replace-file.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const schemaDir = path.join(root, "schema");

/** Writes `text` to the repo-relative `file` through a temp file and a rename, and says so. */
function write(file: string, text: string): void {
  const target = path.join(root, file);
  let before: string | undefined;
  try {
    before = readFileSync(target, "utf8");
  } catch {
    before = undefined;
  }
  if (before === text) return console.log(`${file}: up to date`);
  mkdirSync(path.dirname(target), { recursive: true });
  replaceFileSync(target, text);
  console.log(`${file}: written`);
}

const common = path.join(schemaDir, "common.schema.json");
write(
  "schema/common.schema.json",
  withCategoryIds(readFileSync(common, "utf8"), readFileSync(path.join(schemaDir, "categories.yaml"), "utf8")),
);
for (const [file, text] of await generateAllTypes(schemaDir)) write(file, text);
