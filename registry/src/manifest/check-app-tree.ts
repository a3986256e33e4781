import { readdirSync } from "node:fs";
import path from "node:path";
import { error, type Diagnostic } from "../report/diagnostic.ts";

/**
 * The layout's alphabet for every file and folder name under `apps/` (issue 13, class 9):
 * ASCII letters, digits, `.`, `_`, `-` and `+` (semver build metadata in version file
 * names), starting with a letter or digit, at most 128 characters. It rules out look-alike
 * names (a Cyrillic `а` in `аpp.yaml`, fullwidth letters, invisible or bidi characters, a
 * no-break space), hidden files and names a shell or a URL would read differently.
 */
export const LAYOUT_NAME = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,127}$/;

/** Deepest folder nesting walked inside an app folder, and most entries read; past them the walk stops with an error. */
export const MAX_APP_TREE_DEPTH = 8;
export const MAX_APP_TREE_ENTRIES = 2000;

/** A name shown in a message: code points outside printable ASCII as `\u{…}`, so the look-alike is visible. */
export function visibleName(name: string): string {
  return [...name]
    .map((c) =>
      /^[\x21-\x7e]$/.test(c) ? c : `\\u{${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, "0")}}`,
    )
    .join("");
}

/**
 * Walks the app folder `dir` (repo-relative, `apps/<id>`) under `root` without following
 * any link, and reports every symbolic link at any depth (`layout/symlink`), every name
 * outside {@link LAYOUT_NAME} (`layout/file-name`), every entry that is neither a file nor
 * a folder (`layout/unexpected-file`), and a tree past {@link MAX_APP_TREE_DEPTH} or
 * {@link MAX_APP_TREE_ENTRIES} (`layout/too-large`).
 *
 * @returns repo-relative paths of the entries refused (callers read none of them), with the diagnostics
 */
export function checkAppTree(root: string, dir: string): { refused: Set<string>; diagnostics: Diagnostic[] } {
  const refused = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  let seen = 0;
  const walk = (rel: string, depth: number): void => {
    const entries = readdirSync(path.join(root, rel), { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    );
    for (const entry of entries) {
      const child = `${rel}/${entry.name}`;
      if (++seen > MAX_APP_TREE_ENTRIES) {
        diagnostics.push(
          error(
            "layout/too-large",
            dir,
            undefined,
            `an app folder holds at most ${MAX_APP_TREE_ENTRIES} files and folders`,
          ),
        );
        refused.add(child);
        return;
      }
      if (entry.isSymbolicLink()) {
        refused.add(child);
        diagnostics.push(
          error(
            "layout/symlink",
            child,
            undefined,
            "symbolic links are not allowed anywhere in an app folder",
            "commit the file itself",
          ),
        );
      } else if (!LAYOUT_NAME.test(entry.name)) {
        refused.add(child);
        diagnostics.push(
          error(
            "layout/file-name",
            child,
            undefined,
            `the name '${visibleName(entry.name)}' is outside the layout's alphabet: ASCII letters, digits, '.', '_', '-' and '+', starting with a letter or digit, at most 128 characters`,
          ),
        );
      } else if (entry.isDirectory()) {
        if (depth >= MAX_APP_TREE_DEPTH) {
          refused.add(child);
          diagnostics.push(
            error(
              "layout/too-large",
              child,
              undefined,
              `folders nest at most ${MAX_APP_TREE_DEPTH} deep in an app folder`,
            ),
          );
        } else {
          walk(child, depth + 1);
        }
      } else if (!entry.isFile()) {
        refused.add(child);
        diagnostics.push(
          error(
            "layout/unexpected-file",
            child,
            undefined,
            "only files and folders may be committed (no FIFOs, sockets or devices)",
          ),
        );
      }
    }
  };
  walk(dir, 1);
  return { refused, diagnostics };
}
