import { describe, expect, it } from "vitest";
import { forbiddenCharacters } from "./hidden-characters.ts";

const SINGLE_LINE =
  "^[^\\p{Cc}\\u061C\\u200B\\u200E\\u200F\\u202A-\\u202E\\u2028\\u2029\\u2060\\u2066-\\u2069\\uFEFF]*$";

describe("forbiddenCharacters", () => {
  it("names each character an exclusion pattern refuses, once, in order", () => {
    expect(forbiddenCharacters("a\u202Eb\u0007c\u202E\td", SINGLE_LINE)).toEqual([
      "U+202E (RIGHT-TO-LEFT OVERRIDE)",
      "U+0007 (a control character)",
      "U+0009 (a tab)",
    ]);
  });

  it("leaves line breaks to the single-line message, and other patterns alone", () => {
    expect(forbiddenCharacters("a\nb", SINGLE_LINE)).toEqual([]);
    expect(forbiddenCharacters("\u202E", "^https://")).toEqual([]);
  });
});
