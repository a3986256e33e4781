import { closest } from "fastest-levenshtein";
import { error } from "../../report/diagnostic.ts";
import type { AppRule } from "./facts.ts";

/** `app/category-exists`: every category is in the controlled list `schema/categories.yaml`. */
export const appCategoryExists: AppRule = ({ app, categories }) => {
  // An empty list means schema/categories.yaml itself is invalid; that is reported there.
  if (!app?.data.categories || categories.size === 0) return [];
  const known = [...categories];
  return app.data.categories.flatMap((category, i) =>
    categories.has(category)
      ? []
      : [
          error(
            "app/category-exists",
            app.parsed.file,
            app.parsed.locate(["categories", i]),
            `unknown category '${category}'; categories come from schema/categories.yaml`,
            known.length > 0 ? `did you mean '${closest(category, known)}'?` : undefined,
          ),
        ],
  );
};
