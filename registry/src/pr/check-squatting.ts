import { distance } from "fastest-levenshtein";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import type { AppDelta } from "./derive-app-delta.ts";
import { foreignCharacters, skeletonOf } from "./id-skeleton.ts";

/**
 * Largest edit distance between two skeletons that still counts as a near duplicate,
 * by the length of the shorter one: 0 below 5 characters (too many honest short ids),
 * 1 from 5, 2 from 10.
 */
export function maxSquatDistance(length: number): number {
  return length >= 10 ? 2 : length >= 5 ? 1 : 0;
}

/**
 * `pr/near-duplicate-id`: a new app's id against every other id (existing on the base
 * branch and the other new ones), to stop squatting.
 * - error: same skeleton (`id-skeleton.ts`): differs only in case, `-`/`_`, or
 *   look-alike letters such as Cyrillic `е` for `e`.
 * - warning: skeletons within {@link maxSquatDistance} edits (Levenshtein), e.g.
 *   `wordpres` next to `wordpress`; admins decide.
 *
 * @param others ids to compare against; the new ids themselves may be included
 */
export function checkSquatting(newApps: readonly AppDelta[], others: readonly string[]): Diagnostic[] {
  // No new id, nothing to compare: the other ids' skeletons are not worth computing.
  if (newApps.length === 0) return [];
  const skeletons = [...new Set([...others, ...newApps.map((a) => a.id)])].map((id) => ({
    id,
    skeleton: skeletonOf(id),
  }));
  return newApps.flatMap((app) => {
    const own = skeletonOf(app.id);
    const file = app.head?.file ?? `apps/${app.id}`;
    const at = app.head?.locate(["id"]);
    return skeletons.flatMap(({ id, skeleton }) => {
      if (id === app.id) return [];
      if (skeleton === own) {
        return [
          error(
            "pr/near-duplicate-id",
            file,
            at,
            `app id '${app.id}' is confusingly similar to the app '${id}': ${howSimilar(app.id, id)}`,
            "choose an id that cannot be mistaken for another app",
          ),
        ];
      }
      const limit = maxSquatDistance(Math.min(own.length, skeleton.length));
      const edits = limit > 0 ? distance(own, skeleton) : Infinity;
      if (edits > limit) return [];
      return [
        warning(
          "pr/near-duplicate-id",
          file,
          at,
          `app id '${app.id}' is ${edits === 1 ? "one edit" : `${edits} edits`} away from the app '${id}'; an admin must confirm it is not squatting`,
          "if the names are unrelated, say so in the pull request; otherwise choose a clearly different id",
        ),
      ];
    });
  });
}

function howSimilar(id: string, other: string): string {
  const foreign = foreignCharacters(id);
  if (foreign.length > 0)
    return `it contains ${foreign.join(", ")}, look-alike characters that make it read as '${other}'`;
  const plain = (s: string) => s.toLowerCase().replace(/[-_.]/g, "");
  if (plain(id) === plain(other)) return "they differ only in case or '-'/'_'";
  return "they read the same once look-alike letters (0/o, 1/l, rn/m) are ignored";
}
