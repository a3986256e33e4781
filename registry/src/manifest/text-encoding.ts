import { error, type Diagnostic } from "../report/diagnostic.ts";
import { parseYaml, type ParsedYaml } from "./parse-yaml.ts";

/**
 * Problems of a text file's encoding and line ends that YAML readers would otherwise
 * report as something unrelated ("the document must be a mapping"), each with its own
 * rule id and a sentence saying what is wrong:
 * - `yaml/encoding`: the bytes were UTF-16 (a UTF-16 byte-order mark read as UTF-8 gives
 *   two U+FFFD; ASCII text in UTF-16 has a NUL after or before every letter), or the text
 *   holds NUL characters;
 * - `yaml/line-ends`: a carriage return not followed by a line feed (CR-only line ends, as
 *   classic Mac OS wrote them): readers disagree on them (`yaml` reads one long line).
 *
 * @param file repo-relative path used in diagnostics
 * @param text the file decoded as UTF-8
 * @returns at most one diagnostic; empty when the text is plain UTF-8 with LF or CRLF line ends
 */
export function textEncodingProblems(file: string, text: string): Diagnostic[] {
  const nul = text.indexOf("\u0000");
  if (nul !== -1 || text.startsWith("\uFFFD\uFFFD")) {
    const utf16 = text.startsWith("\uFFFD\uFFFD") || /^(?:[^\u0000]\u0000){2}|^(?:\u0000[^\u0000]){2}/.test(text);
    return [
      utf16
        ? error(
            "yaml/encoding",
            file,
            undefined,
            "the file is encoded as UTF-16; manifests must be UTF-8",
            "save the file as UTF-8 (without a byte-order mark)",
          )
        : error(
            "yaml/encoding",
            file,
            lineAt(text, nul),
            "the file contains a NUL character; manifests are UTF-8 text",
          ),
    ];
  }
  const lone = /\r(?!\n)/.exec(text);
  if (lone) {
    return [
      error(
        "yaml/line-ends",
        file,
        lineAt(text, lone.index),
        "this line ends with a lone carriage return (CR-only line ends); manifests use LF or CRLF line ends",
        "convert the line ends to LF",
      ),
    ];
  }
  return [];
}

/** Line (counting LF, CRLF and lone CR as breaks) and column of an offset. */
function lineAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const breaks = before.match(/\r\n|\r|\n/g)?.length ?? 0;
  const lastBreak = Math.max(before.lastIndexOf("\n"), before.lastIndexOf("\r"));
  return { line: breaks + 1, column: offset - lastBreak };
}

/**
 * Reads a manifest or another YAML file Appshelf checks: first {@link textEncodingProblems}
 * (UTF-16, NUL, CR-only line ends get their own rule ids instead of a misleading schema
 * error), then `parseYaml`, which reads exactly what `yaml` reads. With an encoding problem
 * the file has no data and that one diagnostic.
 *
 * @param file repo-relative path (or `archive!path`) used in diagnostics
 * @param text the file decoded as UTF-8
 */
export function parseManifestText(file: string, text: string): ParsedYaml {
  const problems = textEncodingProblems(file, text);
  if (problems.length === 0) return parseYaml(file, text);
  const nowhere = () => ({ line: 1, column: 1 });
  return { file, data: undefined, locate: nowhere, locateKey: nowhere, diagnostics: problems };
}
