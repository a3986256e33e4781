/** Names of the invisible and direction-changing characters the schemas refuse, for messages. */
const NAMES: Readonly<Record<string, string>> = {
  "\u061c": "ARABIC LETTER MARK",
  "\u200b": "ZERO WIDTH SPACE",
  "\u200e": "LEFT-TO-RIGHT MARK",
  "\u200f": "RIGHT-TO-LEFT MARK",
  "\u202a": "LEFT-TO-RIGHT EMBEDDING",
  "\u202b": "RIGHT-TO-LEFT EMBEDDING",
  "\u202c": "POP DIRECTIONAL FORMATTING",
  "\u202d": "LEFT-TO-RIGHT OVERRIDE",
  "\u202e": "RIGHT-TO-LEFT OVERRIDE",
  "\u2028": "LINE SEPARATOR",
  "\u2029": "PARAGRAPH SEPARATOR",
  "\u2060": "WORD JOINER",
  "\u2066": "LEFT-TO-RIGHT ISOLATE",
  "\u2067": "RIGHT-TO-LEFT ISOLATE",
  "\u2068": "FIRST STRONG ISOLATE",
  "\u2069": "POP DIRECTIONAL ISOLATE",
  "\ufeff": "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
};

/** A "none of these characters" schema pattern: `^[^...]*$`. */
const EXCLUSION = /^\^\[\^.*\]\*\$$/s;

/**
 * The characters of `value` that an exclusion pattern of the schemas (`^[^...]*$`, e.g.
 * `common.schema.json#/$defs/singleLine`) refuses, other than line breaks (reported as
 * "single line" instead), each as `U+202E (RIGHT-TO-LEFT OVERRIDE)` or `U+0007 (a control
 * character)`, in order of first appearance. Empty for other patterns.
 *
 * @param pattern the schema pattern, compiled here with the `u` flag as ajv does
 */
export function forbiddenCharacters(value: string, pattern: string): string[] {
  if (!EXCLUSION.test(pattern)) return [];
  const allowed = new RegExp(pattern, "u");
  return [...new Set(value)]
    .filter((c) => c !== "\n" && c !== "\r" && !allowed.test(c))
    .map(
      (c) =>
        `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} (${NAMES[c] ?? (c === "\t" ? "a tab" : "a control character")})`,
    );
}
