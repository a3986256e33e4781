import { describe, expect, it } from "vitest";
import { parseNameStatus } from "../../src/git/parse-name-status.ts";

describe("parseNameStatus", () => {
  it("reads git diff --name-status -z output, renames and copies included", () => {
    const output = [
      "A",
      "apps/x/app.yaml",
      "M",
      "schema/app.schema.json",
      "D",
      "apps/y/icon.svg",
      "R087",
      "apps/x/a.yaml",
      "apps/x/b.yaml",
      "C100",
      "a",
      "b",
      "T",
      "link",
      "",
    ].join("\0");
    expect(parseNameStatus(output)).toEqual([
      { status: "added", path: "apps/x/app.yaml" },
      { status: "modified", path: "schema/app.schema.json" },
      { status: "deleted", path: "apps/y/icon.svg" },
      { status: "renamed", path: "apps/x/b.yaml", from: "apps/x/a.yaml" },
      { status: "added", path: "b" },
      { status: "modified", path: "link" },
    ]);
  });

  it("keeps names with spaces, tabs and non-ASCII letters as they are", () => {
    expect(parseNameStatus("A\0apps/w\u043erdpress/app.yaml\0M\0a b\tc\0")).toEqual([
      { status: "added", path: "apps/w\u043erdpress/app.yaml" },
      { status: "modified", path: "a b\tc" },
    ]);
  });

  it("refuses unmerged entries", () => {
    expect(() => parseNameStatus("U\0x\0")).toThrow(/unexpected git status 'U'/);
  });
});
