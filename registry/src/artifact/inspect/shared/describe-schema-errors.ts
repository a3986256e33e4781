import type { ErrorObject } from "ajv";
import type { ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";
import { instancePathSegments } from "../../../json/instance-path.ts";
import { firstProblems, MAX_DIAGNOSTICS_PER_FILE, omittedProblems } from "../../../report/cap-diagnostics.ts";

/**
 * Turns ajv errors against a third-party JSON Schema (the Compose Specification, a chart's
 * `values.schema.json`, Appshelf's own Chart.yaml shape) into diagnostics under one rule
 * id, each pointing at the line of the offending value in `parsed`.
 *
 * validate/schema-diagnostics.ts is written for Appshelf's manifest schemas (it names
 * their `$defs`); this one assumes nothing about the schema. A failed `oneOf`/`anyOf` is
 * reported through the errors of the branch that got past its type check (e.g. an
 * unknown key in a long-syntax port), or as one "must be a list or a mapping" line when
 * no branch did.
 *
 * Lists at most `MAX_DIAGNOSTICS_PER_FILE` (then one `report/truncated` counting the rest).
 *
 * @param allErrors from a validator compiled with `allErrors: true, verbose: true`
 * @param ruleId rule id given to every diagnostic, e.g. `compose/schema`
 */
export function describeSchemaErrors(
  parsed: ParsedYaml,
  allErrors: readonly ErrorObject[],
  ruleId: string,
): Diagnostic[] {
  // The branch matching below is quadratic in the errors: read at most ten times the listed cap.
  const errors = allErrors.slice(0, 10 * MAX_DIAGNOSTICS_PER_FILE);
  const hidden = new Set<ErrorObject>();
  const typesOf = new Map<ErrorObject, string[]>();
  errors.forEach((wrapper, index) => {
    if (wrapper.keyword !== "oneOf" && wrapper.keyword !== "anyOf") return;
    const branches = errors
      .slice(0, index)
      .filter((e) => !hidden.has(e) && isWithin(e.instancePath, wrapper.instancePath));
    const typeMisses = branches.filter((e) => e.keyword === "type" && e.instancePath === wrapper.instancePath);
    const informative = branches.filter((e) => !typeMisses.includes(e));
    for (const e of typeMisses) hidden.add(e);
    if (informative.length > 0) hidden.add(wrapper);
    else
      typesOf.set(
        wrapper,
        typeMisses.map((e) => String((e.params as { type?: unknown }).type)),
      );
  });
  const seen = new Set<string>();
  const { kept, omitted } = firstProblems(errors.filter((e) => !hidden.has(e)));
  const diagnostics = kept
    .map((e) => toDiagnostic(parsed, e, ruleId, typesOf.get(e)))
    .filter((d) => {
      const key = `${d.line}:${d.column}:${d.message}`;
      return seen.has(key) ? false : (seen.add(key), true);
    });
  const more = omitted + allErrors.length - errors.length;
  return more > 0 ? [...diagnostics, omittedProblems(parsed.file, more)] : diagnostics;
}

function toDiagnostic(
  parsed: ParsedYaml,
  e: ErrorObject,
  ruleId: string,
  alternatives: string[] | undefined,
): Diagnostic {
  const path = instancePathSegments(e.instancePath);
  const where = path.length > 0 ? path.join(".") : "the document";
  const params = e.params as Record<string, unknown>;
  const at = parsed.locate(path);
  switch (e.keyword) {
    case "required":
      return error(
        ruleId,
        parsed.file,
        at,
        `${where} is missing the required property '${String(params.missingProperty)}'`,
      );
    case "additionalProperties": {
      const extra = String(params.additionalProperty);
      return error(ruleId, parsed.file, parsed.locateKey([...path, extra]), `${where}: unknown property '${extra}'`);
    }
    case "type": {
      const hint =
        typeof e.data === "number" || typeof e.data === "boolean"
          ? `quote it: YAML read this value as a ${typeof e.data}`
          : undefined;
      return error(
        ruleId,
        parsed.file,
        at,
        `${where} must be ${typeWords(String(params.type))}, not ${describe(e.data)}`,
        String(params.type).includes("string") ? hint : undefined,
      );
    }
    case "enum":
      return error(
        ruleId,
        parsed.file,
        at,
        `${where} is ${JSON.stringify(e.data)}; expected one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`,
      );
    case "oneOf":
    case "anyOf":
      return error(
        ruleId,
        parsed.file,
        at,
        alternatives && alternatives.length > 0
          ? `${where} must be ${typeWords(alternatives.join(","))}, not ${describe(e.data)}`
          : `${where} does not match any allowed form`,
      );
    default:
      return error(ruleId, parsed.file, at, `${where} ${e.message ?? "is invalid"}`);
  }
}

function isWithin(path: string, parent: string): boolean {
  return path === parent || path.startsWith(`${parent}/`);
}

/** `"array,object"` -> `"a list or a mapping"`. */
function typeWords(types: string): string {
  const words: Record<string, string> = { object: "a mapping", array: "a list", integer: "an integer", null: "null" };
  const distinct = [...new Set(types.split(","))];
  return distinct.map((t) => words[t] ?? `a ${t}`).join(" or ");
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `the ${typeof value} ${JSON.stringify(value)}`;
}
