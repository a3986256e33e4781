import { CONFUSABLE_LOWERCASE, CONFUSABLE_UPPERCASE } from "./confusable-letters.ts";

/**
 * The "skeleton" of an app id: what a person reads, so two ids with the same skeleton are
 * indistinguishable in a catalog or a command line. Steps: Unicode NFKD with combining
 * marks removed (`ｗ` -> `w`, `é` -> `e`), look-alike letters of other scripts mapped to
 * Latin (`pr/confusable-letters.ts`), lower case, separators `-` `_` `.` and spaces
 * dropped, then `rn` -> `m` and `vv` -> `w`.
 *
 * @example skeletonOf("Word-Press") === skeletonOf("wordpress") // "wordpress"
 * @example skeletonOf("w\u043erdpress") === "wordpress"        // Cyrillic о
 */
export function skeletonOf(id: string): string {
  const decomposed = id.normalize("NFKD").replace(/\p{M}/gu, "");
  const upper = [...decomposed].map((c) => CONFUSABLE_UPPERCASE[c] ?? c).join("");
  const lower = [...upper.toLowerCase()].map((c) => CONFUSABLE_LOWERCASE[c] ?? c).join("");
  return lower
    .replace(/[-_.\s]/g, "")
    .replace(/rn/g, "m")
    .replace(/vv/g, "w");
}

/** The characters of `id` outside printable ASCII, as `U+043E 'о'`, for messages. */
export function foreignCharacters(id: string): string[] {
  return [...new Set([...id].filter((c) => !/^[\x20-\x7e]$/.test(c)))].map(
    (c) => `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")} '${c}'`,
  );
}
