import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SCHEMA_DIR } from "../json/schemas.ts";

/** The engine's source folder (`registry/src`). */
const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** What a manifest's parse and schema check depend on, besides its bytes. */
const INPUTS = [
  SCHEMA_DIR,
  ...["json", "manifest", "names", "validate", "run", "report", "index"].map((dir) => path.join(SOURCE_DIR, dir)),
  path.join(SOURCE_DIR, "../../package-lock.json"),
];

let key: string | undefined;

/**
 * A hash of everything that decides what parsing and schema-checking a manifest (and
 * building an app's index files) gives: the JSON Schemas in `schema/`, the engine's
 * `json/`, `manifest/`, `names/`, `validate/`, `run/`, `report/` and `index/` sources, the locked dependency versions (`package-lock.json`: yaml, ajv) and the Node
 * version. Cached results are kept under this key, so changing any of them starts a new
 * cache. 16 hex digits; computed once per process.
 */
export function engineKey(): string {
  if (key !== undefined) return key;
  const hash = createHash("sha256").update(process.version);
  for (const file of INPUTS.flatMap(listFiles).sort())
    hash.update(`\0${path.relative(SOURCE_DIR, file)}\0`).update(readFileSync(file));
  key = hash.digest("hex").slice(0, 16);
  return key;
}

function listFiles(entry: string): string[] {
  try {
    return readdirSync(entry, { recursive: true, withFileTypes: true })
      .filter((e) => e.isFile() && !e.name.endsWith(".test.ts"))
      .map((e) => path.join(e.parentPath, e.name));
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === "ENOTDIR") return [entry];
    if ((cause as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw cause;
  }
}
