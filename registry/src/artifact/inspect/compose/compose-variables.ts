/**
 * The variables a Compose file interpolates, read the way Compose reads them (Compose
 * Specification, "Interpolation"): `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`,
 * `${NAME:?message}`, `${NAME?message}`, `${NAME:+alternative}`, `${NAME+alternative}`, with
 * `$$` an escaped `$` and nesting inside the default (`${A:-${B}}`).
 */

/** One variable the file needs from the environment or an `.env` file. */
export interface ComposeVariable {
  name: string;
  /** True when Compose refuses to run without it (`:?`/`?`) or would put an empty string in its place (no default). */
  required: boolean;
  /** The default value of the first `:-`/`-` use, if any. */
  default?: string;
  /** The error message of the first `:?`/`?` use, if any: what Compose says when it is missing. */
  message?: string;
}

interface Use {
  name: string;
  kind: "plain" | "default" | "error" | "alternative";
  value?: string;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_]*/;

/** Finds the `}` closing a `${` whose body starts at `from`, skipping nested `${...}`; -1 when unclosed. */
function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    if (text[i] === "$" && text[i + 1] === "$") i++;
    else if (text[i] === "$" && text[i + 1] === "{") {
      depth++;
      i++;
    } else if (text[i] === "}") {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The variable uses in one string, nested ones included (a nested use is never required: it only counts when the outer one is unset). */
function usesIn(text: string, nested = false): Use[] {
  const uses: Use[] = [];
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== "$") continue;
    if (text[i + 1] === "$") {
      i++;
      continue;
    }
    if (text[i + 1] === "{") {
      const end = closingBrace(text, i + 2);
      if (end < 0) break;
      const body = text.slice(i + 2, end);
      const name = NAME.exec(body)?.[0];
      i = end;
      if (!name) continue;
      const rest = body.slice(name.length);
      const op = /^(:-|-|:\?|\?|:\+|\+)/.exec(rest)?.[0];
      const value = op ? rest.slice(op.length) : undefined;
      const kind =
        op === undefined ? "plain" : op.endsWith("-") ? "default" : op.endsWith("?") ? "error" : "alternative";
      uses.push({
        name,
        kind: nested && kind !== "default" ? "alternative" : kind,
        ...(value !== undefined ? { value } : {}),
      });
      if (value !== undefined && kind !== "error") uses.push(...usesIn(value, true));
    } else {
      const name = NAME.exec(text.slice(i + 1))?.[0];
      if (!name) continue;
      uses.push({ name, kind: nested ? "alternative" : "plain" });
      i += name.length;
    }
  }
  return uses;
}

/** Every string value (not key) in parsed YAML data, depth first in document order. */
function stringsOf(value: unknown, out: string[] = []): string[] {
  if (typeof value === "string") out.push(value);
  else if (Array.isArray(value)) for (const item of value) stringsOf(item, out);
  else if (value !== null && typeof value === "object") for (const item of Object.values(value)) stringsOf(item, out);
  return out;
}

/**
 * The variables interpolated anywhere in a Compose file's values, in order of first use.
 * Required: used as `${NAME:?…}`/`${NAME?…}`, or at least once without a default or
 * alternative (Compose then substitutes an empty string, which no install step expects).
 * Pure.
 *
 * @param data the parsed Compose file (plain data, before interpolation)
 */
export function composeVariables(data: unknown): ComposeVariable[] {
  const byName = new Map<string, ComposeVariable>();
  for (const text of stringsOf(data)) {
    for (const use of usesIn(text)) {
      const found = byName.get(use.name) ?? { name: use.name, required: false };
      if (use.kind === "plain" || use.kind === "error") found.required = true;
      if (use.kind === "default" && found.default === undefined && use.value !== undefined) found.default = use.value;
      if (use.kind === "error" && found.message === undefined && use.value) found.message = use.value;
      byName.set(use.name, found);
    }
  }
  return [...byName.values()];
}
