import { parse } from "yaml";

/** The generated definition's line in `schema/common.schema.json` starts with this. */
const LINE_START = '    "categoryId": ';

/**
 * `$defs/categoryId` of common.schema.json, generated from `schema/categories.yaml` (the
 * controlled list): an `enum` of the category ids in file order, described by their English
 * names. app.schema.json offers it to editors for `categories`.
 *
 * @param yamlText the text of categories.yaml
 * @throws Error when the file has no `categories` list or an entry without an `id`
 */
export function categoryIdDefinition(yamlText: string): { title: string; description: string; enum: string[] } {
  const data = parse(yamlText) as { categories?: { id?: unknown; name?: { en?: unknown } }[] } | null;
  if (!Array.isArray(data?.categories)) throw new Error("schema/categories.yaml: no 'categories' list");
  const entries = data.categories.map((c, i) => {
    if (typeof c?.id !== "string") throw new Error(`schema/categories.yaml: categories[${i}] has no id`);
    return { id: c.id, name: typeof c.name?.en === "string" ? c.name.en : c.id };
  });
  const list = entries.map((e) => `'${e.id}' (${e.name})`).join(", ");
  return {
    title: "Category id",
    description: `A category id from the controlled list in schema/categories.yaml (generated from it by npm run gen:types): ${list}.`,
    enum: entries.map((e) => e.id),
  };
}

/**
 * common.schema.json's text with its `categoryId` line (one line, so the rest of the
 * hand-written file keeps its layout) replaced by the one generated from categories.yaml.
 *
 * @throws Error when common.schema.json has no `categoryId` line
 */
export function withCategoryIds(commonText: string, yamlText: string): string {
  const lines = commonText.split("\n");
  const at = lines.findIndex((l) => l.startsWith(LINE_START));
  if (at < 0) throw new Error(`schema/common.schema.json: no line starting with ${LINE_START.trim()} to regenerate`);
  const comma = lines[at]?.trimEnd().endsWith(",") ? "," : "";
  const def = categoryIdDefinition(yamlText);
  lines[at] =
    `${LINE_START}{ "title": ${JSON.stringify(def.title)}, "description": ${JSON.stringify(def.description)}, "enum": [${def.enum.map((id) => JSON.stringify(id)).join(", ")}] }${comma}`;
  return lines.join("\n");
}
