import { readFileSync } from "node:fs";
import path from "node:path";
import { error, type Diagnostic, type Position } from "../../../report/diagnostic.ts";
import { forbiddenCharacters } from "../../../manifest/hidden-characters.ts";
import { SCHEMA_DIR, schemaDefinitionCheck } from "../../../json/schemas.ts";

/**
 * How a republished value is judged: `line` (one line of text: the character rule of
 * `common.schema.json#/$defs/singleLine`, without its length), `text` (several lines: the
 * rule of Markdown in `translatedMarkdown`), `url` (`common.schema.json#/$defs/httpsUrl`,
 * as every URL of a manifest), `repository` (a chart dependency's repository: https://,
 * oci:// or file:// in printable ASCII, or an `@name`/`alias:name` reference, as Helm reads it).
 */
export type RepublishedKind = "line" | "text" | "url" | "repository";

/** One value an artifact gives that the registry writes into a published file (helm/index.yaml, the Nextcloud API). */
export interface RepublishedValue {
  /** Where it sits in the artifact's file, for `locate` (e.g. `["maintainers", 0, "url"]`). */
  path: readonly (string | number)[];
  value: string;
  kind: RepublishedKind;
}

interface CommonDefs {
  $defs: { singleLine: { pattern: string }; translatedMarkdown: { additionalProperties: { pattern: string } } };
}

let patterns: { line: string; text: string } | undefined;

/** The character rules of the manifests, read from the schema (the source of truth). */
function characterRules(): { line: string; text: string } {
  if (!patterns) {
    const defs = (JSON.parse(readFileSync(path.join(SCHEMA_DIR, "common.schema.json"), "utf8")) as CommonDefs).$defs;
    patterns = { line: defs.singleLine.pattern, text: defs.translatedMarkdown.additionalProperties.pattern };
  }
  return patterns;
}

const REPOSITORY = /^((https|oci|file):\/\/[!-~]+|@[!-~]+|alias:[!-~]+)$/;

/** Where a path is shown in a message: `maintainers[0].url`. */
function shownPath(p: readonly (string | number)[]): string {
  return p.map((s, i) => (typeof s === "number" ? `[${s}]` : i === 0 ? s : `.${s}`)).join("");
}

/**
 * The manifests' hidden-character and URL-scheme rules applied to text an artifact gives
 * and the registry republishes (issue 13, class 10): `string/hidden-characters` for
 * control, invisible and direction-changing characters, `string/single-line` for a line
 * break in a one-line value, `url/https` for a URL that is not an absolute https:// URL in
 * printable ASCII (`javascript:`, `data:`, `http:`, look-alike hosts), and
 * `republish/repository` for a dependency repository Helm would not read as one.
 *
 * @param file the artifact file the values come from (`<label>!<chart>/Chart.yaml`)
 * @param locate position of a path in that file
 */
export function checkRepublishedText(
  values: readonly RepublishedValue[],
  file: string,
  locate: (p: readonly (string | number)[]) => Position | undefined,
): Diagnostic[] {
  const rules = characterRules();
  const isHttpsUrl = schemaDefinitionCheck("common.schema.json#/$defs/httpsUrl");
  const diagnostics: Diagnostic[] = [];
  for (const { path: at, value, kind } of values) {
    const where = shownPath(at);
    const hidden = forbiddenCharacters(value, kind === "text" ? rules.text : rules.line);
    if (hidden.length > 0) {
      diagnostics.push(
        error(
          "string/hidden-characters",
          file,
          locate(at),
          `${where} contains ${hidden.join(", ")}: control, invisible and direction-changing characters make text display differently from what it is, and the registry would republish it`,
          "delete them from the artifact and release it again",
        ),
      );
    } else if (kind !== "text" && /[\r\n]/.test(value)) {
      diagnostics.push(error("string/single-line", file, locate(at), `${where} must be a single line of text`));
    } else if (kind === "url" && isHttpsUrl(value).length > 0) {
      diagnostics.push(
        error(
          "url/https",
          file,
          locate(at),
          `${where} must be an absolute https:// URL in printable ASCII, not ${JSON.stringify(value)}; the registry would republish it as a link`,
        ),
      );
    } else if (kind === "repository" && value !== "" && !REPOSITORY.test(value)) {
      diagnostics.push(
        error(
          "republish/repository",
          file,
          locate(at),
          `${where} ${JSON.stringify(value)} is not a chart repository: expected https://, oci:// or file:// in printable ASCII, or an @name or alias:name reference`,
        ),
      );
    }
  }
  return diagnostics;
}
