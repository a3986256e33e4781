/**
 * `npm run gen:lint`: writes `biome.json` and the layer table of docs/architecture.md from the
 * layer rules (lint/layer-rules.ts). Each file is written to a temp file and renamed into place.
 * registry/test/lint/lint-config.test.ts fails when either is out of date.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { biomeConfigText } from "../lint/biome-config.ts";
import { withLayerTable } from "../lint/layer-table.ts";
import { replaceFileSync } from "../registry/src/fs/replace-file.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** Writes `text` to `file` (repo-relative) through a temp file and a rename; says whether it changed. */
function write(file: string, text: string): void {
  const target = path.join(root, file);
  let before: string | undefined;
  try {
    before = readFileSync(target, "utf8");
  } catch {
    before = undefined;
  }
  if (before === text) return console.log(`${file}: up to date`);
  replaceFileSync(target, text);
  console.log(`${file}: written`);
}

write("biome.json", biomeConfigText());
write("docs/architecture.md", withLayerTable(readFileSync(path.join(root, "docs/architecture.md"), "utf8")));
