import { createHash } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/** The engine's source folder (`registry/src`). */
const SOURCE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

let tools: Record<string, string> | undefined;

/**
 * Versions of the tools an artifact check runs with, as recorded in the verification
 * ledger: `appshelf` is 16 hex digits of a hash of the artifact checking code
 * (`registry/src/artifact/`, tests left out) and the locked dependency versions
 * (`package-lock.json`: tar, yauzl, fast-xml-parser, ajv...); `node` is the Node version.
 * A check recorded under other tools is made again (see `decideLedgerUse`). Computed once per process.
 */
export function inspectionTools(): Record<string, string> {
  if (tools) return tools;
  const hash = createHash("sha256");
  const files = readdirSync(path.join(SOURCE_DIR, "artifact"), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && !e.name.endsWith(".test.ts"))
    .map((e) => path.join(e.parentPath, e.name));
  for (const file of [...files, path.join(SOURCE_DIR, "../../package-lock.json")].sort())
    hash.update(`\0${path.relative(SOURCE_DIR, file)}\0`).update(readFileSync(file));
  tools = { appshelf: hash.digest("hex").slice(0, 16), node: process.version };
  return tools;
}
