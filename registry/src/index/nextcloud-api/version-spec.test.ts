import { describe, expect, test } from "vitest";
import { padMaxVersion, padMinVersion, versionSpecs } from "./version-spec.ts";

describe("Nextcloud app store version specs (versioning.py)", () => {
  test("maximum padding, as its docstring: 9 -> 10.0.0, 9.0 -> 9.1.0, 9.0.0 -> 9.0.1", () => {
    expect([padMaxVersion("9"), padMaxVersion("9.0"), padMaxVersion("9.0.0"), padMaxVersion(undefined)]).toEqual([
      "10.0.0",
      "9.1.0",
      "9.0.1",
      "*",
    ]);
    expect(() => padMaxVersion("9.0.0.1")).toThrow("cannot read version");
  });

  test("minimum padding", () => {
    expect([padMinVersion("9"), padMinVersion("9.1"), padMinVersion("9.1.2"), padMinVersion("")]).toEqual([
      "9.0.0",
      "9.1.0",
      "9.1.2",
      "*",
    ]);
  });

  test.each([
    [undefined, undefined, "*", "*"],
    ["33", undefined, ">=33.0.0", ">=33"],
    [undefined, "35", "<36.0.0", "<=35"],
    ["33", "35", ">=33.0.0 <36.0.0", ">=33 <=35"],
    ["8.2", "8.5", ">=8.2.0 <8.6.0", ">=8.2 <=8.5"],
  ])("min %s, max %s -> %s / %s", (min, max, versionSpec, rawVersionSpec) => {
    expect(versionSpecs(min, max)).toEqual({ versionSpec, rawVersionSpec });
  });
});
