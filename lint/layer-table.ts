import { CYCLE_EXEMPTIONS, ENGINE_LAYERS, LAYER_EXCEPTIONS, LAYER_RULES, type LayerRule } from "./layer-rules.ts";

/** Marks the generated part of docs/architecture.md; `npm run gen:lint` rewrites what lies between. */
export const TABLE_START = "<!-- layer-table:start (generated from lint/layer-rules.ts by npm run gen:lint) -->";
export const TABLE_END = "<!-- layer-table:end -->";

const code = (s: string): string => `\`${s}/\``;

function appliesTo(rule: LayerRule): string {
  const scope = rule.scope.map(code).join(", ");
  const files = rule.files === "source" ? `${scope} (not \`*.test.ts\`)` : `tests in ${scope}`;
  return rule.except?.length ? `${files}, except ${rule.except.map(code).join(", ")}` : files;
}

/** The layer table in Markdown: one row per rule of {@link LAYER_RULES}, plus the cycle rule and its exemptions. */
export function layerTableMarkdown(): string {
  const rows = [
    "| rule | applies to | may not import | why |",
    "| --- | --- | --- | --- |",
    "| `no-import-cycles` | every linted file | a module that imports it back, type-only imports included | modules in a cycle load half-initialised and hide which way the dependency goes |",
    ...LAYER_RULES.map((r) => `| \`${r.id}\` | ${appliesTo(r)} | ${r.forbids} | ${r.message} |`),
  ];
  const layers = [
    "| layer | folders (`registry/src/…`) |",
    "| --- | --- |",
    ...ENGINE_LAYERS.map((line, i) => `| ${i + 1} | ${line.map(code).join(", ")} |`).reverse(),
  ];
  const exceptions = LAYER_EXCEPTIONS.length
    ? `\n\nUpward imports still allowed:\n\n${LAYER_EXCEPTIONS.map((x) => `- \`${x.from}/\` → \`${x.to}/\`: ${x.why}`).join("\n")}`
    : "";
  const exempt = CYCLE_EXEMPTIONS.length
    ? `\n\nStill exempt from \`no-import-cycles\` until the validate/ split lands: ${CYCLE_EXEMPTIONS.map((f) => `\`${f}\``).join(", ")}.`
    : "";
  return `${TABLE_START}\nThe engine's layers, highest first; a folder imports only from its own layer or below (rules \`layer-*\`):\n\n${layers.join("\n")}${exceptions}\n\nEvery rule:\n\n${rows.join("\n")}${exempt}\n${TABLE_END}`;
}

/** `doc` with its generated table replaced by the current one; throws when the markers are missing. */
export function withLayerTable(doc: string): string {
  const start = doc.indexOf(TABLE_START);
  const end = doc.indexOf(TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`docs/architecture.md: missing the markers ${TABLE_START} … ${TABLE_END}`);
  return doc.slice(0, start) + layerTableMarkdown() + doc.slice(end + TABLE_END.length);
}
