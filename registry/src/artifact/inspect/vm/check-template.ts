import { error, warning, type Diagnostic } from "../../../report/diagnostic.ts";
import { findItem } from "./config-tree.ts";
import { checkClusterShape } from "./check-cluster-shape.ts";
import { parseJsonFile } from "../shared/parse-json-file.ts";
import type { ConfigItem, ConfigJson } from "./vm-package.ts";

/** A Go-template action `{{ ... }}`, with the JSON quotes right around it when there are. */
const ACTION = /("?)\{\{-?\s*([\s\S]*?)\s*-?\}\}("?)/g;
/**
 * An action that only reads a value: `.cluster.kafka.memory`. The spec's prose also
 * writes `{{cluster.name}}` without the dot, so a dotted path without it counts too (a
 * single bare word is a template keyword such as `end`).
 */
const REFERENCE = /^(?:\.[A-Za-z_][\w-]*|[A-Za-z_][\w-]*\.[A-Za-z_][\w-]*)(?:\.[A-Za-z_][\w-]*)*$/;

/**
 * Checks the cluster template (`cluster.json.tmpl`; `cluster.json.mustache` in the
 * developer guide) against config.json, as `op` does when it loads a package: render it
 * with every parameter's default and decode the result as JSON (openpitrix
 * pkg/devkit/opapp/cluster.go, where a placeholder quoted as a whole JSON string,
 * `"{{.cluster.cpu}}"`, becomes the JSON value of the parameter). Rule ids:
 * - `vm/template-unknown-parameter`: a placeholder names no parameter of config.json (at its line).
 * - `vm/template-json`: the rendered template is not JSON.
 * - the rules of check-cluster-shape.ts on the rendered cluster.
 * - `vm/template-unchecked` (warning): other template actions (`if`, `range`, ...), which
 *   Appshelf does not evaluate; the template is then not rendered.
 *
 * @param config the parsed config.json; without it only the template's syntax is looked at
 */
export function checkTemplate(file: string, text: string, config: ConfigJson | undefined): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const unchecked: string[] = [];
  for (const match of text.matchAll(ACTION)) {
    const expression = match[2] ?? "";
    if (!REFERENCE.test(expression)) {
      unchecked.push(expression);
      continue;
    }
    const item = config && findItem(config.properties, expression.replace(/^\./, "").split("."));
    if (config && (!item || item.type === "array")) {
      const at = {
        line: text.slice(0, match.index).split("\n").length,
        column: match.index - text.lastIndexOf("\n", match.index - 1) + (match[1] ? 1 : 0),
      };
      diagnostics.push(
        error(
          "vm/template-unknown-parameter",
          file,
          at,
          `{{${expression}}} names ${item ? "a group, not a parameter," : "no parameter"} of config.json`,
          "every placeholder must be the key path of a config.json parameter, e.g. {{.cluster.name}}",
        ),
      );
    }
  }
  if (unchecked.length > 0) {
    return [
      ...diagnostics,
      warning(
        "vm/template-unchecked",
        file,
        undefined,
        `template actions other than parameter references are not evaluated by Appshelf (e.g. {{${unchecked[0]}}}); the rendered template was not checked`,
      ),
    ];
  }
  if (!config || diagnostics.length > 0) return diagnostics;
  const rendered = parseJsonFile(file, render(text, config), "vm/template-json");
  if (rendered.diagnostics.length > 0) {
    return rendered.diagnostics.map((d) => ({
      ...d,
      message: `with the config.json defaults filled in, the template is ${d.message}`,
    }));
  }
  return checkClusterShape(rendered, config);
}

/** The template with every reference replaced by its parameter's default (null when it has none). */
function render(text: string, config: ConfigJson): string {
  return text.replace(ACTION, (_whole, open: string, expression: string, close: string) => {
    const item: ConfigItem | undefined = findItem(config.properties, expression.replace(/^\./, "").split("."));
    const value = item?.default ?? null;
    if (open && close) return JSON.stringify(value);
    return `${open}${JSON.stringify(String(value)).slice(1, -1)}${close}`;
  });
}
