/**
 * Generated from schema/categories.schema.json by `npm run gen:types` (codegen/schema-types.ts): do not edit.
 * registry/test/codegen/ fails when this file and the schema drift apart.
 */
import type { TranslatedLine } from "./common.ts";

/**
 * The controlled list of categories an app may name in app.yaml. Changing it is a registry change.
 */
export interface CategoriesFile {
  /**
   * The controlled list of app categories, in the order the catalog shows them. Adding one here and running npm run gen:types updates the id list editors offer (common.schema.json#/$defs/categoryId).
   *
   * @minItems 1
   */
  categories: {
    /**
     * Category id used in app.yaml and in catalog URLs.
     */
    id: string;
    /**
     * Display name by language tag.
     */
    name: TranslatedLine;
    /**
     * One line that says which apps belong here.
     */
    description?: TranslatedLine;
  }[];
}
