import type { ErrorObject } from "ajv/dist/2020.js";
import type { ParsedYaml } from "./parse-yaml.ts";
import { error, type Diagnostic } from "../report/diagnostic.ts";
import { forbiddenCharacters } from "./hidden-characters.ts";
import { closest as closestName, distance as levenshtein } from "fastest-levenshtein";
import { instancePathSegments } from "../json/instance-path.ts";
import { firstProblems, omittedProblems } from "../report/cap-diagnostics.ts";

/** The pattern the schemas use for single-line strings (common.schema.json#/$defs/singleLine). */
const SINGLE_LINE =
  "^[^\\p{Cc}\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2028\\u2029\\u2060\\u2066-\\u2069\\uFEFF]*$";

/**
 * Turns ajv errors (validator compiled with `verbose: true`) for one parsed file into
 * diagnostics that point at the offending line, with a rule id and a message in plain
 * words. Rule ids: `schema/required`, `schema/unknown-property`, `schema/type`,
 * `schema/enum`, `schema/format`, `url/https`, `string/too-long`, `string/single-line`,
 * `string/hidden-characters`,
 * `artifact/url-or-path`, `lang/tag`, `schema/<ajv keyword>` otherwise.
 */
export function schemaDiagnostics(parsed: ParsedYaml, errors: readonly ErrorObject[]): Diagnostic[] {
  // Linear in the number of errors (a hostile manifest can cause thousands): sets, not nested scans.
  const oneOfPaths = new Set(errors.filter((e) => e.keyword === "oneOf").map((e) => e.schemaPath));
  const namedPaths = new Set(errors.filter((e) => e.propertyName !== undefined).map((e) => e.instancePath));
  const shown = errors.filter(
    (e) => !underOneOf(e.schemaPath, oneOfPaths) && !(e.keyword === "propertyNames" && namedPaths.has(e.instancePath)),
  );
  const { kept, omitted } = firstProblems(shown);
  const diagnostics = kept.map((e) => toDiagnostic(parsed, e));
  return omitted > 0 ? [...diagnostics, omittedProblems(parsed.file, omitted)] : diagnostics;
}

/** True when a schema path lies under one of `oneOfPaths` (its branches report through the oneOf itself). */
function underOneOf(schemaPath: string, oneOfPaths: ReadonlySet<string>): boolean {
  if (oneOfPaths.size === 0) return false;
  for (let slash = schemaPath.lastIndexOf("/"); slash > 0; slash = schemaPath.lastIndexOf("/", slash - 1)) {
    if (oneOfPaths.has(schemaPath.slice(0, slash))) return true;
  }
  return false;
}

function toDiagnostic(parsed: ParsedYaml, e: ErrorObject): Diagnostic {
  const path = instancePathSegments(e.instancePath);
  const where = path.length > 0 ? path.join(".") : "the document";
  const at = parsed.locate(path);
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required": {
      const missing = String(params.missingProperty);
      return error("schema/required", parsed.file, at, `${where} is missing the required property '${missing}'`);
    }
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      const allowed = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const near = closest(extra, allowed);
      return error(
        "schema/unknown-property",
        parsed.file,
        parsed.locateKey([...path, extra]),
        `${where === "the document" ? "" : `${where}: `}unknown property '${extra}'`,
        near ? `did you mean '${near}'?` : allowed.length > 0 ? `allowed here: ${allowed.join(", ")}` : undefined,
      );
    }
    case "type": {
      const scalar = typeof e.data === "number" || typeof e.data === "boolean";
      const hint =
        !scalar || params.type !== "string"
          ? undefined
          : /(^|\.)(version|appVersion)$/.test(where)
            ? `quote it: YAML reads an unquoted version as a number (1.10 becomes 1.1), so write the exact digits in quotes, e.g. version: "1.10"`
            : `quote it: YAML read this value as a ${typeof e.data}`;
      return error(
        "schema/type",
        parsed.file,
        at,
        `${where} must be ${article(String(params.type))}, not ${describe(e.data)}`,
        hint,
      );
    }
    case "enum":
      return error(
        "schema/enum",
        parsed.file,
        at,
        `${where} is '${String(e.data)}'; expected one of: ${(params.allowedValues as unknown[]).join(", ")}`,
      );
    case "format":
      return error(
        "schema/format",
        parsed.file,
        at,
        `${where} must be a ${params.format === "date" ? "date written YYYY-MM-DD" : String(params.format)}, not '${String(e.data)}'`,
      );
    case "maxLength":
      return error(
        "string/too-long",
        parsed.file,
        at,
        `${where} is ${String(e.data).length} characters; at most ${String(params.limit)} are allowed`,
      );
    case "oneOf":
      return error(
        "artifact/url-or-path",
        parsed.file,
        at,
        `${where} needs exactly one of 'url' (an HTTPS download) or 'path' (a file in the app folder)`,
      );
    case "pattern":
      return patternDiagnostic(parsed, e, where, at);
    default:
      return error(`schema/${e.keyword}`, parsed.file, at, `${where} ${e.message ?? "is invalid"}`);
  }
}

function patternDiagnostic(
  parsed: ParsedYaml,
  e: ErrorObject,
  where: string,
  at: ReturnType<ParsedYaml["locate"]>,
): Diagnostic {
  const value = String(e.data);
  const def = /\$defs\/(\w+)\//.exec(e.schemaPath)?.[1];
  if (e.propertyName !== undefined) {
    return error(
      "lang/tag",
      parsed.file,
      parsed.locateKey([...instancePathSegments(e.instancePath), e.propertyName]),
      `'${e.propertyName}' in ${where} is not a language tag like 'en', 'de' or 'zh-CN'`,
    );
  }
  const hidden = forbiddenCharacters(value, String((e.params as { pattern?: string }).pattern ?? ""));
  if (hidden.length > 0) {
    const message = `${where} contains ${hidden.join(", ")}: control, invisible and direction-changing characters make text display differently from what it is`;
    return error(
      "string/hidden-characters",
      parsed.file,
      at,
      message,
      "delete them (in most editors they are invisible: search for the code points)",
    );
  }
  if (def === "httpsUrl")
    return error("url/https", parsed.file, at, `${where} must be an absolute https:// URL, not '${value}'`);
  if (def === "sha256")
    return error(
      "digest/format",
      parsed.file,
      at,
      `${where} must be a SHA-256 digest: 64 lowercase hexadecimal digits`,
    );
  if (def === "appId")
    return error(
      "app/id-format",
      parsed.file,
      at,
      `${where} '${value}' must use lowercase ASCII letters, digits, '-' and '_' and start with a letter or digit`,
    );
  if (def === "singleLine" || (e.params as { pattern?: string }).pattern === SINGLE_LINE) {
    return error("string/single-line", parsed.file, at, `${where} must be a single line of text`);
  }
  const description = (e.parentSchema as { description?: string } | undefined)?.description;
  return error(
    "schema/pattern",
    parsed.file,
    at,
    `${where} '${value}' is not in the expected form${description ? `: ${description}` : ""}`,
  );
}

function article(type: string): string {
  return type === "object"
    ? "a mapping"
    : type === "array"
      ? "a list"
      : type === "integer"
        ? "an integer"
        : `a ${type}`;
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `the ${typeof value} ${JSON.stringify(value)}`;
}

/** The allowed name nearest to `name` (Levenshtein distance <= 2), if any. */
function closest(name: string, allowed: readonly string[]): string | undefined {
  const near = allowed.length > 0 ? closestName(name, [...allowed]) : undefined;
  return near !== undefined && levenshtein(name, near) <= 2 ? near : undefined;
}
