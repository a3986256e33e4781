import type { ErrorObject } from "ajv/dist/2020.js";
import type { ParsedYaml } from "../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import { schemaDiagnostics } from "../manifest/schema-diagnostics.ts";
import { schemaCheck } from "../json/schemas.ts";
import { isRecord } from "../manifest/is-record.ts";

/** The two kinds of manifest: `apps/<id>/app.yaml` and `apps/<id>/versions/<delivery>/<version>.yaml`. */
export type ManifestKind = "app" | "version";

/** A manifest after its parse and its schema check: what a cache keeps per file content. */
export interface ManifestCheck {
  parsed: ParsedYaml;
  /** The parse problems (as in `parsed.diagnostics`), then the schema problems. */
  diagnostics: Diagnostic[];
  /**
   * The data for the semantic rules, without the top-level properties that failed the
   * schema (named in `removed`); undefined when the file did not parse or is not a mapping.
   */
  checked?: { data: Record<string, unknown>; valid: boolean; removed: string[] };
}

/**
 * Checks a parsed manifest against the schema of its kind (`schema/app.schema.json` or
 * `schema/version.schema.json`) and reports its parse and schema problems.
 *
 * @param allowHttpLoopback also accept `http://127.0.0.1` and `http://localhost` URLs (tests only)
 */
export function checkManifest(parsed: ParsedYaml, kind: ManifestKind, allowHttpLoopback: boolean): ManifestCheck {
  const diagnostics = [...parsed.diagnostics];
  if (parsed.diagnostics.length > 0 || !isRecord(parsed.data)) {
    if (parsed.diagnostics.length === 0)
      diagnostics.push(
        error("schema/type", parsed.file, { line: 1, column: 1 }, "the document must be a mapping of properties"),
      );
    return { parsed, diagnostics };
  }
  const loopback = (e: ErrorObject) =>
    allowHttpLoopback && e.keyword === "pattern" && /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?\//.test(String(e.data));
  const errors = schemaCheck(kind)(parsed.data).filter((e) => !loopback(e));
  diagnostics.push(...schemaDiagnostics(parsed, errors));
  const removed = new Set<string>();
  for (const e of errors) {
    const top =
      e.instancePath.split("/")[1] ??
      (e.keyword === "additionalProperties" ? String(e.params.additionalProperty) : undefined);
    if (top !== undefined) removed.add(top.replace(/~1/g, "/").replace(/~0/g, "~"));
  }
  return {
    parsed,
    diagnostics,
    checked: { data: withoutKeys(parsed.data, removed), valid: errors.length === 0, removed: [...removed] },
  };
}

/** A shallow copy of `data` without `keys`. */
export function withoutKeys(data: Record<string, unknown>, keys: Iterable<string>): Record<string, unknown> {
  const copy: Record<string, unknown> = { ...data };
  for (const key of keys) delete copy[key];
  return copy;
}
