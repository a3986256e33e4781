import { parseYaml, type ParsedYaml } from "../../../manifest/parse-yaml.ts";
import { error, type Position } from "../../../report/diagnostic.ts";

/**
 * Parses a JSON file from an artifact (OpenPitrix `package.json`/`config.json`, a chart's
 * `values.schema.json`). `JSON.parse` (RFC 8259) decides validity; the same text is then
 * read as YAML, of which JSON is a subset, only to learn the line of every value, so
 * later checks can point at it. Never throws.
 *
 * @param file diagnostic file name, e.g. `kafka-0.2.7.tgz!kafka/config.json`
 * @param ruleId rule id for a syntax error, e.g. `vm/json`
 * @returns `data` undefined and one error (with line and column when V8 gives a position) when the text is not JSON
 */
export function parseJsonFile(file: string, text: string, ruleId: string): ParsedYaml {
  const nowhere = () => ({ line: 1, column: 1 });
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (cause) {
    const message = ((cause as Error).message.split("\n")[0] ?? "").replace(/, ".*$/, "");
    return {
      file,
      data: undefined,
      locate: nowhere,
      locateKey: nowhere,
      diagnostics: [error(ruleId, file, jsonErrorAt(text, message), `not valid JSON: ${message}`)],
    };
  }
  const located = parseYaml(file, text);
  if (located.diagnostics.length > 0) return { file, data, locate: nowhere, locateKey: nowhere, diagnostics: [] };
  return { ...located, data };
}

/** Line and column of a V8 `JSON.parse` error that names an offset (`... at position 20`). */
function jsonErrorAt(text: string, message: string): Position | undefined {
  const offset = /at position (\d+)/.exec(message)?.[1];
  if (offset === undefined) return undefined;
  const before = text.slice(0, Number(offset)).split("\n");
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}
