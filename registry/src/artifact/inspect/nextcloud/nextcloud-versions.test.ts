import { describe, expect, test } from "vitest";
import { nextcloudRange, padAppVersion, rangesMatch } from "./nextcloud-versions.ts";

describe("padAppVersion", () => {
  test.each([
    ["6.0.2", "6.0.2"],
    ["1.2", "1.2.0"],
    ["1", "1.0.0"],
    ["1.2-beta.1", "1.2.0-beta.1"],
    ["0.11.10-alpha1", "0.11.10-alpha1"],
  ])("%s -> %s", (version, padded) => {
    expect(padAppVersion(version)).toBe(padded);
  });

  test.each(["6.0.x", "v1.2.3", "01.2.3", "1.2.3.4", ""])("%s is not semver", (version) => {
    expect(padAppVersion(version)).toBeUndefined();
  });
});

describe("info.xml min/max against a manifest range", () => {
  test.each([
    [">=28 <=31", "28", "31"],
    [">=28.0.0 <32.0.0-0", "28", "31"],
    ["28 - 31", "28", "31"],
    [">=33 <=35", "33", "35"],
    [">=31.0.0 <=31.0.0", "31.0.0", "31.0.0"],
  ])("%s matches min %s max %s", (declared, min, max) => {
    expect(rangesMatch(declared, nextcloudRange(min, max))).toBe(true);
  });

  test.each([
    [">=28 <=31.0.0", "28", "31", "max-version 31 covers every 31.x, <=31.0.0 does not"],
    [">=28 <=31", "28", "31.0.0", "max-version 31.0.0 is exactly 31.0.0"],
    [">=29 <=31", "28", "31", "different minimum"],
    [">=28", "28", "31", "no upper bound"],
    ["not a range", "28", "31", "invalid range"],
  ])("%s does not match min %s max %s (%s)", (declared, min, max) => {
    expect(rangesMatch(declared, nextcloudRange(min, max))).toBe(false);
  });

  test("min-version 31 is the same as 31.0.0", () => {
    expect(rangesMatch(nextcloudRange("31", "33"), nextcloudRange("31.0.0", "33"))).toBe(true);
  });
});
