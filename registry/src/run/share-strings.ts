import type { Diagnostic } from "../report/diagnostic.ts";

/** Most distinct strings the pool holds: rule ids, severities and hints are few; past this, strings are left as they are. */
const MAX_POOLED = 10_000;

const pool = new Map<string, string>();

/**
 * Makes the kept diagnostics of a batch share one copy of each repeated string: rule id,
 * severity and hint. Why: a batch copied between threads (`postMessage`) or detached
 * (`structuredClone`) gets its own copy of every string, and an offline run of 50,000 apps
 * keeps 500,000 `artifact/not-verified` warnings whose rule id, severity and hint are the
 * same text each time (about a third of their memory). The diagnostics are changed in place
 * and stay equal to what they were (same text). Bounded: at most {@link MAX_POOLED} strings
 * are pooled in a process.
 *
 * @returns `diagnostics`
 */
export function shareDiagnosticStrings(diagnostics: Diagnostic[]): Diagnostic[] {
  for (const d of diagnostics) {
    d.ruleId = shared(d.ruleId);
    d.severity = shared(d.severity) as Diagnostic["severity"];
    if (d.hint !== undefined) d.hint = shared(d.hint);
  }
  return diagnostics;
}

function shared(text: string): string {
  const found = pool.get(text);
  if (found !== undefined) return found;
  if (pool.size < MAX_POOLED) pool.set(text, text);
  return text;
}
