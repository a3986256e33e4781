/**
 * Letters from other scripts that render like Latin letters, mapped to the Latin letter
 * they imitate. A hand-picked subset of the Unicode confusables data (UTS #39,
 * `confusables.txt`, whose skeletons map these code points to Latin prototypes), limited
 * to letters that look like `a-z` in common fonts: Cyrillic, Greek, Armenian and Latin
 * variants. Case-folded and decomposed forms (fullwidth letters, accents) are handled by
 * NFKD in `id-skeleton.ts`, not listed here.
 *
 * Uppercase entries are applied before lower-casing, since e.g. Greek `Η` lower-cases to
 * `η` (which looks like `n`), while the capital looks like `H`.
 */
export const CONFUSABLE_UPPERCASE: Readonly<Record<string, string>> = {
  // Greek capitals
  Α: "a",
  Β: "b",
  Ε: "e",
  Ζ: "z",
  Η: "h",
  Ι: "l",
  Κ: "k",
  Μ: "m",
  Ν: "n",
  Ο: "o",
  Ρ: "p",
  Τ: "t",
  Υ: "y",
  Χ: "x",
  // Cyrillic capitals
  А: "a",
  В: "b",
  Е: "e",
  З: "3",
  Ѕ: "s",
  І: "l",
  Ј: "j",
  К: "k",
  М: "m",
  Н: "h",
  О: "o",
  Р: "p",
  С: "c",
  Т: "t",
  Х: "x",
  Ү: "y",
  Ԛ: "q",
  Ԝ: "w",
  // Latin capital I looks like lower-case l
  I: "l",
};

/** Lower-case look-alikes, applied after lower-casing (see {@link CONFUSABLE_UPPERCASE}). */
export const CONFUSABLE_LOWERCASE: Readonly<Record<string, string>> = {
  // Cyrillic
  а: "a",
  с: "c",
  ԁ: "d",
  е: "e",
  ҽ: "e",
  һ: "h",
  і: "i",
  ј: "j",
  ӏ: "l",
  о: "o",
  р: "p",
  ԛ: "q",
  ѕ: "s",
  у: "y",
  ү: "y",
  х: "x",
  ԝ: "w",
  // Greek
  α: "a",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  υ: "u",
  χ: "x",
  γ: "y",
  η: "n",
  // Armenian
  օ: "o",
  ս: "u",
  հ: "h",
  ո: "n",
  ց: "g",
  // Latin variants
  ɑ: "a",
  ɡ: "g",
  ı: "i",
  ȷ: "j",
  ℓ: "l",
  // digits that read as letters
  "0": "o",
  "1": "l",
};
