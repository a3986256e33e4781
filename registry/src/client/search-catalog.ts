import type { CatalogEntry } from "../index/index-types.ts";
import type { DeliveryType } from "../manifest/types.ts";

/** Search options. */
export interface SearchOptions {
  /** Only apps with versions of this delivery type. */
  delivery?: DeliveryType;
  /** Include suspended apps (left out by default, as on the site). */
  includeSuspended?: boolean;
}

/**
 * Apps whose text matches every word (case-insensitive substring of the id, names,
 * summaries in every language, keywords, categories or publisher), best first: a word
 * equal to the id, then matches in id or name, then keywords and categories, then the
 * rest; ties by id. No words: every app, by id. Pure.
 */
export function searchCatalog(
  apps: readonly CatalogEntry[],
  words: readonly string[],
  options: SearchOptions = {},
): CatalogEntry[] {
  const terms = words.flatMap((w) => w.toLowerCase().split(/\s+/)).filter((w) => w !== "");
  const scored: { app: CatalogEntry; score: number }[] = [];
  for (const app of apps) {
    if (app.status === "suspended" && !options.includeSuspended) continue;
    if (options.delivery && !app.deliveries.includes(options.delivery)) continue;
    const fields = {
      id: [app.id],
      name: Object.values(app.name),
      tags: [...app.keywords, ...app.categories],
      rest: [...Object.values(app.summary), app.publisher.name],
    };
    let score = 0;
    let all = true;
    for (const term of terms) {
      const has = (values: string[]) => values.some((v) => v.toLowerCase().includes(term));
      const s =
        app.id === term
          ? 100
          : has(fields.id) || has(fields.name)
            ? 10
            : has(fields.tags)
              ? 5
              : has(fields.rest)
                ? 1
                : 0;
      if (s === 0) all = false;
      score += s;
    }
    if (all) scored.push({ app, score });
  }
  return scored.sort((a, b) => b.score - a.score || (a.app.id < b.app.id ? -1 : 1)).map((x) => x.app);
}
