import type { RegExpEngine } from "ajv/dist/types/index.js";
import { RE2JS } from "re2js";

/**
 * A linear-time regular-expression engine for ajv (`code.regExp`): patterns of third-party
 * JSON Schemas (`pattern`, `patternProperties`) are compiled with RE2JS, the JavaScript
 * port of RE2, so matching time grows linearly with the input (`^(a+)+$` cannot backtrack
 * exponentially). RE2's syntax is Go's: Helm validates values with Go's `regexp`, so every
 * pattern Helm accepts compiles here, and one Helm cannot compile (look-around,
 * back-references) makes ajv's compile throw with RE2's message.
 * `test` finds a match anywhere, as `RegExp.prototype.test` does; `toString` gives
 * `/pattern/flags` like a RegExp (ajv shares one compiled pattern per string).
 */
export const re2RegExp: RegExpEngine = Object.assign(
  (pattern: string, flags: string) => {
    const compiled = RE2JS.compile(pattern);
    // ajv keys compiled patterns by toString(): it must differ per pattern, as RegExp's does.
    return { test: (input: string) => compiled.test(input), toString: () => `/${pattern}/${flags}` };
  },
  { code: 'require("re2js").RE2JS.compile' },
);
