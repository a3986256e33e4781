import { describe, expect, it } from "vitest";
import { maxSquatDistance } from "../../src/pr/check-squatting.ts";
import { foreignCharacters, skeletonOf } from "../../src/pr/id-skeleton.ts";

describe("skeletonOf: what an id reads as", () => {
  it.each([
    ["Word-Press", "wordpress"], // case and separators
    ["word_press", "wordpress"],
    ["w\u043erdpress", "wordpress"], // Cyrillic о
    ["wordpr\u0435ss", "wordpress"], // Cyrillic е
    ["\u0410pache", "apache"], // Cyrillic capital А
    ["\u039fpen", "open"], // Greek capital Ο
    ["r\u03bfdis", "rodis"], // Greek ο
    ["\uff57ordpress", "wordpress"], // fullwidth ｗ (NFKD)
    ["wórdpress", "wordpress"], // accent (combining mark removed)
    ["rnysql", "mysql"], // rn reads as m
    ["redis1", "redisl"], // 1 reads as l
    ["n0tes", "notes"], // 0 reads as o
    ["Inotes", "lnotes"], // capital I reads as l
  ])("%s -> %s", (id, skeleton) => {
    expect(skeletonOf(id)).toBe(skeleton);
  });

  it("names the characters outside ASCII", () => {
    expect(foreignCharacters("w\u043erdpr\u0435ss")).toEqual(["U+043E 'о'", "U+0435 'е'"]);
    expect(foreignCharacters("wordpress")).toEqual([]);
  });

  it("allows more edits for longer ids", () => {
    expect([3, 4, 5, 9, 10, 20].map(maxSquatDistance)).toEqual([0, 0, 1, 1, 2, 2]);
  });
});
