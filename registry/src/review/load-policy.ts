import { hasErrors, type Diagnostic } from "../report/diagnostic.ts";
import { schemaDiagnostics } from "../manifest/schema-diagnostics.ts";
import { checkPolicyRules } from "./policy-rules.ts";
import type { ReviewPolicy } from "./review-policy.ts";
import { reviewSchemaCheck } from "./review-schemas.ts";
import { parseManifestText } from "../manifest/text-encoding.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** A loaded policy, or why it could not be loaded. */
export interface LoadedPolicy {
  /** The policy with defaults filled in; undefined when there are errors. */
  policy: ReviewPolicy | undefined;
  /** YAML, schema (`schema/*`) and rule (`policy/*`) problems, each with file and line. */
  diagnostics: Diagnostic[];
}

/**
 * Parses and checks a review policy: YAML 1.2 with positions (`manifest/parse-yaml.ts`),
 * then `schema/review-policy.schema.json` (missing options get their schema defaults),
 * then the rules of `policy-rules.ts`. Pure: the caller reads the text (from the BASE
 * branch, never from the pull request). Never throws.
 *
 * @param file repo-relative path used in diagnostics, e.g. `.github/appshelf/review-policy.yaml`
 */
export function parseReviewPolicy(file: string, text: string): LoadedPolicy {
  const parsed = parseManifestText(file, text);
  if (parsed.data === undefined) return { policy: undefined, diagnostics: parsed.diagnostics };
  const data: unknown = structuredClone(parsed.data);
  const schemaProblems = schemaDiagnostics(parsed, reviewSchemaCheck("policy")(data));
  if (schemaProblems.length > 0) return { policy: undefined, diagnostics: schemaProblems };
  const policy = data as ReviewPolicy;
  const diagnostics = checkPolicyRules(policy, parsed);
  return { policy: hasErrors(diagnostics) ? undefined : policy, diagnostics };
}

/**
 * {@link parseReviewPolicy} for callers that cannot go on without a policy.
 *
 * @throws InputError listing every problem as `file:line:column rule message`
 */
export function loadReviewPolicy(file: string, text: string): ReviewPolicy {
  const { policy, diagnostics } = parseReviewPolicy(file, text);
  if (policy) return policy;
  const lines = diagnostics.map(
    (d) => `${d.file}${d.line ? `:${d.line}:${d.column ?? 1}` : ""} ${d.ruleId} ${d.message}`,
  );
  throw new InputError("input/review-policy", `the review policy is invalid:\n${lines.join("\n")}`);
}
