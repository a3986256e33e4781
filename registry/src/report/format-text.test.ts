import { describe, expect, it } from "vitest";
import { error } from "./diagnostic.ts";
import { formatDiagnostic, printable } from "./format-text.ts";

describe("formatDiagnostic", () => {
  it("prints one line however hostile the quoted text: control characters and bidi controls are escaped", () => {
    const forged = error(
      "url/https",
      "apps/x/app.yaml",
      { line: 3, column: 5 },
      "website must be https, not 'x\n::error file=apps/y/app.yaml::forged'",
      "hint\r\n::add-mask::x",
    );
    expect(formatDiagnostic(forged)).toBe(
      "apps/x/app.yaml:3:5 error url/https website must be https, not 'x\\u000a::error file=apps/y/app.yaml::forged'\n    hint: hint\\u000d\\u000a::add-mask::x",
    );
    expect(printable("Harbor\u202Egpj.exe\u001b[2J")).toBe("Harbor\\u202egpj.exe\\u001b[2J");
  });
});
