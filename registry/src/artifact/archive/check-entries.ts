import { error, type Diagnostic } from "../../report/diagnostic.ts";
import { MAX_PATH_LENGTH, type Archive, type ArchiveFormat, type RawEntry } from "./archive-types.ts";

/** C0 and C1 control characters, DEL included: no tool needs them in a path, and they forge log lines. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * Checks every raw entry of an archive, keyed by path in a Map (a later duplicate would
 * silently replace an earlier one on extraction, so a validator reading the first
 * `info.xml` would approve what a runtime replaces). Refused, each with `label!path`:
 * - `archive/unsafe-path`: absolute, drive-letter, `..`, backslash, NUL or control
 *   characters, or longer than `MAX_PATH_LENGTH`;
 * - `archive/link`: symbolic and hard links; `archive/device`: devices, FIFOs, other types;
 * - `archive/git-folder`: a `.git` path segment;
 * - `archive/duplicate-entry`: a path seen before, also in another letter case or Unicode
 *   normalisation (the same file on macOS and Windows), and a file that another entry
 *   uses as a folder.
 *
 * @returns the archive only when no entry was refused
 */
export function checkEntries(
  entries: readonly RawEntry[],
  label: string,
  format: ArchiveFormat,
): { archive?: Archive; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const files = new Map<string, Buffer>();
  const seen = new Map<string, string>();
  const topLevel = new Set<string>();
  for (const entry of entries) {
    const where = `${label}!${escaped(entry.path)}`;
    const path = normalise(entry.path);
    if (path === undefined) {
      diagnostics.push(
        error(
          "archive/unsafe-path",
          where.slice(0, 300),
          undefined,
          `entry path ${shown(entry.path.slice(0, 200))} is absolute, climbs out with '..', uses '\\' or control characters, or is longer than ${MAX_PATH_LENGTH} characters`,
        ),
      );
      continue;
    }
    if (entry.kind === "symlink" || entry.kind === "hardlink") {
      diagnostics.push(
        error(
          "archive/link",
          where,
          undefined,
          `${entry.kind === "symlink" ? "symbolic" : "hard"} links are not allowed in release archives`,
        ),
      );
      continue;
    }
    if (entry.kind === "device" || entry.kind === "other") {
      diagnostics.push(
        error("archive/device", where, undefined, "only regular files and folders are allowed in release archives"),
      );
      continue;
    }
    if (path.split("/").includes(".git")) {
      diagnostics.push(error("archive/git-folder", where, undefined, "release archives must not contain .git folders"));
      continue;
    }
    const key = path.normalize("NFC").toLowerCase();
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      const how =
        earlier === path
          ? `${path} appears more than once in the archive`
          : `${path} and ${earlier} differ only in letter case or Unicode normalisation, so they are one file on macOS and Windows`;
      diagnostics.push(error("archive/duplicate-entry", where, undefined, how));
      continue;
    }
    seen.set(key, path);
    topLevel.add(path.split("/")[0] ?? path);
    if (entry.kind === "file") files.set(path, entry.data ?? Buffer.alloc(0));
  }
  diagnostics.push(...filesUsedAsFolders(seen, files, label));
  if (diagnostics.length > 0) return { diagnostics };
  return { archive: { label, format, files, topLevel: [...topLevel].sort() }, diagnostics };
}

/** `a` is a file and `a/b` an entry: one of them cannot be unpacked, and which one differs by tool. */
function filesUsedAsFolders(
  seen: ReadonlyMap<string, string>,
  files: ReadonlyMap<string, Buffer>,
  label: string,
): Diagnostic[] {
  const fileKeys = new Set([...files.keys()].map((path) => path.normalize("NFC").toLowerCase()));
  return [...seen].flatMap(([key, path]) => {
    const parts = key.split("/");
    const parent = parts
      .slice(1)
      .map((_, i) => parts.slice(0, i + 1).join("/"))
      .find((prefix) => fileKeys.has(prefix));
    return parent === undefined
      ? []
      : [
          error(
            "archive/duplicate-entry",
            `${label}!${path}`,
            undefined,
            `${path} is inside ${parent}, which is a file in the same archive`,
          ),
        ];
  });
}

/** `./a//b/` -> `a/b`; undefined for absolute, `..`, backslash, drive-letter, NUL or control-character paths. */
export function normalise(raw: string): string | undefined {
  if (
    raw.length > MAX_PATH_LENGTH ||
    raw.startsWith("/") ||
    raw.includes("\\") ||
    CONTROL.test(raw) ||
    /^[A-Za-z]:/.test(raw)
  )
    return undefined;
  const segments = raw.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0 || segments.includes("..")) return undefined;
  return segments.join("/");
}

/** A path as shown in messages: quoted, with JSON escapes for control characters. */
function shown(path: string): string {
  return CONTROL.test(path) ? JSON.stringify(path) : `'${path}'`;
}

/** A path as a diagnostic's file: control characters as JSON escapes, so no output line can be forged. */
function escaped(path: string): string {
  return CONTROL.test(path) ? JSON.stringify(path).slice(1, -1) : path;
}
