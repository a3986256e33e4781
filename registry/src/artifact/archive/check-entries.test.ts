import { describe, expect, it } from "vitest";
import { checkEntries, normalise } from "./check-entries.ts";

describe("normalise: archive entry paths", () => {
  it.each([
    ["notes/appinfo/info.xml", "notes/appinfo/info.xml"],
    ["./notes//lib/./a.php", "notes/lib/a.php"],
    ["notes/", "notes"],
  ])("keeps %s as %s", (raw, expected) => {
    expect(normalise(raw)).toBe(expected);
  });

  it.each([
    "/etc/passwd",
    "../x",
    "notes/../../x",
    "notes/..",
    "C:/x",
    "c:x",
    "notes\\..\\x",
    "a\u0000b",
    "a\nb",
    "a\u001bb",
    "a\u0085b",
    ".",
    "./",
    "",
    "a/".repeat(2049),
  ])("refuses %j", (raw) => {
    expect(normalise(raw)).toBeUndefined();
  });
});

describe("checkEntries", () => {
  it("keys entries by path: a second entry for a path never replaces the first", () => {
    const { archive, diagnostics } = checkEntries(
      [
        { path: "a/info.xml", kind: "file", data: Buffer.from("first") },
        { path: "./a/info.xml", kind: "file", data: Buffer.from("second") },
      ],
      "x.tgz",
      "tar.gz",
    );
    expect(archive).toBeUndefined();
    expect(diagnostics).toEqual([
      expect.objectContaining({ ruleId: "archive/duplicate-entry", file: "x.tgz!./a/info.xml" }),
    ]);
  });

  it("escapes control characters in the diagnostic's file, so no output line can be forged", () => {
    const { diagnostics } = checkEntries([{ path: "a\n::error::x", kind: "file" }], "x.tgz", "tar.gz");
    expect(diagnostics[0]?.file).toBe("x.tgz!a\\n::error::x");
  });
});
