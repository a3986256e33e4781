/**
 * Generator of hostile JSON Schemas (as a chart's values.schema.json) and values, and the
 * property that checking them through `checkValues` (capped worker, RE2 patterns) always
 * ends with a result or known diagnostics: never a throw, a hang or a dead process.
 * Imports nothing from vitest, so `scripts/fuzz.ts` can run it.
 */
import fc from "fast-check";
import { checkValues } from "../../../src/artifact/inspect/helm/check-values.ts";
import { fuzzTarget, type FuzzTarget } from "../fuzz-target.ts";

/** Patterns that backtrack exponentially in JavaScript, that RE2 refuses, and plain ones. */
const PATTERNS = [
  "^(a+)+$",
  "^(a|a)*$",
  "(x+x+)+y",
  "^(?=a)",
  "(a)\\1",
  "^[a-z0-9-]+$",
  "\\p{L}+",
  "[",
  "^.*$",
  "(?i)abc",
  "",
];
const DIALECTS = [
  "http://json-schema.org/draft-07/schema#",
  "https://json-schema.org/draft/2020-12/schema",
  "https://json-schema.org/draft/2019-09/schema",
  "http://json-schema.org/draft-04/schema#",
  "http://json-schema.org/schema#",
  "nonsense",
];

/**
 * A chain of `levels` definitions, each an `anyOf` of two routes to the next: validating a
 * value that fails at the bottom walks 2^levels paths (ajv with `allErrors`).
 */
export function anyOfChain(levels: number): Record<string, unknown> {
  const definitions: Record<string, unknown> = { [`d${levels}`]: { type: "string" } };
  for (let i = 0; i < levels; i++)
    definitions[`d${i}`] = {
      anyOf: [{ $ref: `#/definitions/d${i + 1}` }, { allOf: [{ $ref: `#/definitions/d${i + 1}` }] }],
    };
  return { definitions, properties: { a: { $ref: "#/definitions/d0" } } };
}

/** Arbitrary schemas: keywords mixed at random, hostile patterns, `$ref` chains, wrong types, dialects. */
export function jsonSchemaArbitrary(): fc.Arbitrary<unknown> {
  const { schema } = fc.letrec<{ schema: unknown }>((tie) => ({
    schema: fc.oneof(
      { depthSize: "small", withCrossShrink: true },
      fc.constantFrom<unknown>(
        true,
        false,
        {},
        { type: "string" },
        { type: "number" },
        { type: ["string", "null"] },
        { type: "strnig" },
        42,
        "x",
        null,
        [],
      ),
      fc.record(
        {
          type: fc.constant("string"),
          pattern: fc.constantFrom(...PATTERNS),
          minLength: fc.option(fc.integer({ min: -1, max: 5 }), { nil: undefined }),
        },
        { requiredKeys: ["type", "pattern"] },
      ),
      fc.record(
        {
          type: fc.constant("object"),
          properties: fc.dictionary(fc.constantFrom("a", "b", "__proto__", "constructor", "x y"), tie("schema"), {
            maxKeys: 3,
          }),
          required: fc.option(fc.constantFrom(["a"], ["b"], "a"), { nil: undefined }),
          additionalProperties: fc.option(tie("schema"), { nil: undefined }),
        },
        { requiredKeys: ["properties"] },
      ),
      fc.record({ patternProperties: fc.dictionary(fc.constantFrom(...PATTERNS), tie("schema"), { maxKeys: 2 }) }),
      fc.record({ anyOf: fc.array(tie("schema"), { maxLength: 3 }) }),
      fc.record({ oneOf: fc.array(tie("schema"), { maxLength: 3 }) }),
      fc.record({ allOf: fc.array(tie("schema"), { maxLength: 3 }) }),
      fc.record({ items: tie("schema"), uniqueItems: fc.boolean() }),
      fc.record({ enum: fc.array(fc.jsonValue({ maxDepth: 1 }), { maxLength: 3 }) }),
      fc.record({
        $ref: fc.constantFrom(
          "#",
          "#/definitions/a",
          "#/$defs/missing",
          "https://example.invalid/s.json",
          "#/properties",
        ),
      }),
      fc.integer({ min: 1, max: 14 }).map((levels) => anyOfChain(levels)),
      fc.record({
        format: fc.constantFrom("email", "uri", "date-time", "regex", "nonsense"),
        type: fc.constant("string"),
      }),
    ),
  }));
  return fc
    .tuple(schema, fc.option(fc.constantFrom(...DIALECTS), { nil: undefined }))
    .map(([body, dialect]) =>
      dialect !== undefined && typeof body === "object" && body !== null && !Array.isArray(body)
        ? { $schema: dialect, ...body }
        : body,
    );
}

/** Values to check: random JSON-like YAML data, and strings made to trip the hostile patterns. */
export function valuesArbitrary(): fc.Arbitrary<unknown> {
  const hostile = fc.constantFrom(`${"a".repeat(40)}b`, `${"x".repeat(40)}`, "a", "");
  return fc.oneof(
    fc.record(
      { a: fc.oneof(hostile, fc.jsonValue({ maxDepth: 2 })), b: fc.jsonValue({ maxDepth: 2 }) },
      { requiredKeys: [] },
    ),
    fc.dictionary(fc.string({ maxLength: 6 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  );
}

/** Rule ids `checkValues` may give a generated chart. */
export const VALUES_RULES = new Set([
  "helm/values-schema",
  "helm/values-schema-invalid",
  "helm/values-schema-unchecked",
  "helm/values-schema-too-complex",
  "helm/values-schema-json",
  "helm/values-yaml",
]);

/** Checks one generated schema and values the way `inspectHelm` does; throws on any other outcome than a result or known diagnostics. */
export async function checkGeneratedSchema(schema: unknown, values: unknown): Promise<void> {
  const files = new Map<string, Buffer>([
    ["c/values.yaml", Buffer.from(JSON.stringify(values ?? {}))],
    ["c/values.schema.json", Buffer.from(JSON.stringify(schema) ?? "null")],
  ]);
  const diagnostics = await checkValues({
    archive: { label: "c.tgz", format: "tar.gz", files, topLevel: ["c"] },
    top: "c",
  });
  for (const d of diagnostics)
    if (!VALUES_RULES.has(d.ruleId)) throw new Error(`unexpected rule ${d.ruleId}: ${d.message}`);
}

/** The JSON Schema target for `npm run fuzz` and `fuzz.test.ts`. */
export const jsonSchemaFuzzTargets: readonly FuzzTarget[] = [
  fuzzTarget(
    "json-schema",
    "generated values.schema.json (ReDoS and RE2-invalid patterns, anyOf/$ref chains, wrong types, dialects) checked through the capped worker: a result or known helm/values-* diagnostics, never a throw or hang",
    { cost: 5, ciRuns: 30 },
    () => fc.asyncProperty(jsonSchemaArbitrary(), valuesArbitrary(), checkGeneratedSchema),
  ),
];
