import { isMapping } from "../shared/mapping.ts";

/**
 * Applies YAML merge keys (`<<: *defaults`, `<<: [*a, *b]`) to parsed data.
 *
 * Why: the Compose Specification documents merge keys for reusing fragments
 * ("Fragments" and "Extension" sections: `x-common: &common` then `<<: *common`), and
 * Compose implementations honour them, but `parseYaml` reads YAML 1.2, where `<<` is an
 * ordinary key (Appshelf manifests must not depend on it). The parser keeps `<<` as a
 * key holding the aliased value; this resolves it with YAML 1.1 merge semantics: keys of
 * the mapping itself win, then earlier sources over later ones. None of the corpus
 * Compose files uses merge keys; real-world ones often do.
 *
 * A `<<` whose value is not a mapping or a list of mappings is left as a key, for the
 * schema check to report.
 *
 * @returns a new value with plain prototypes (a `__proto__` key stays an own key, for the
 *   schema to refuse); the input is not modified
 */
export function resolveMergeKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(resolveMergeKeys);
  if (!isMapping(value)) return value;
  const merge = value["<<"];
  const sources = Array.isArray(merge) ? merge : [merge];
  const mergeable = merge !== undefined && sources.every(isMapping);
  const own = Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => !(mergeable && key === "<<"))
      .map(([key, v]) => [key, resolveMergeKeys(v)]),
  );
  if (!mergeable) return own;
  // Object.fromEntries defines properties; Object.assign would *set* them, and setting a
  // `__proto__` key (which YAML data may hold as an own property) replaces the prototype.
  return Object.fromEntries(
    [...sources.map(resolveMergeKeys).reverse(), own].flatMap((source) =>
      Object.entries(source as Record<string, unknown>),
    ),
  );
}
