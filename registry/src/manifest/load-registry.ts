import { readdirSync, readFileSync, type Dirent } from "node:fs";
import path from "node:path";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import { DELIVERY_TYPES, type DeliveryType } from "./types.ts";
import { checkAppTree, LAYOUT_NAME, visibleName } from "./check-app-tree.ts";
import type { ParsedYaml } from "./parse-yaml.ts";
import { parseManifestText } from "./text-encoding.ts";

/**
 * How a manifest is read: `file` is repo-relative (`apps/<id>/app.yaml` is an `app`, a
 * version file a `version`). The default reads the file and parses it with
 * `parseManifestText` (encoding checks, then `parseYaml`); validation passes one that checks a cache first.
 */
export type ReadManifest = (root: string, file: string, kind: "app" | "version") => ParsedYaml;

/** Reads and parses a manifest file. */
export const readManifest: ReadManifest = (root, file) =>
  parseManifestText(file, readFileSync(path.join(root, file), "utf8"));

/** A version manifest with where it sits: `apps/<id>/versions/<folder>/<fileVersion>.yaml`. */
export interface LoadedVersion {
  parsed: ParsedYaml;
  /** Name of the delivery folder it sits in. */
  folder: DeliveryType;
  /** File name without `.yaml`. */
  fileVersion: string;
}

/** One app folder as read from disk. */
export interface LoadedApp {
  /** Folder name under `apps/`. */
  id: string;
  /** Repo-relative folder, `apps/<id>`. */
  dir: string;
  /** `app.yaml`, if present. */
  app?: ParsedYaml;
  versions: LoadedVersion[];
  /** Bytes of the icon file named in app.yaml, if it exists in the app folder. */
  icon?: { file: string; bytes: Buffer };
}

/** The registry as read from disk: apps, the category list, and layout problems. */
export interface LoadedRegistry {
  /** Absolute path of the registry root (the folder holding `apps/` and `schema/`). */
  root: string;
  apps: LoadedApp[];
  /** `schema/categories.yaml`. */
  categories: ParsedYaml;
  /** Layout problems: stray files, unknown delivery folders, symlinks, missing app.yaml. */
  diagnostics: Diagnostic[];
}

/** Repo-relative path of the category list. */
export const CATEGORIES_FILE = "schema/categories.yaml";

/**
 * Reads the registry at `root`: `schema/categories.yaml` and, for each app folder under
 * `apps/` (all of them, or only `onlyApps` when given), its `app.yaml`, its version files
 * and its icon. Parses YAML but does not validate. Symlinks are never followed.
 *
 * @throws Error when `root/apps` cannot be read at all.
 */
export async function loadRegistry(root: string, onlyApps?: ReadonlySet<string>): Promise<LoadedRegistry> {
  const { categories, ids, diagnostics } = listRegistry(root, onlyApps);
  const apps = ids.map((id) => loadApp(root, id, diagnostics));
  return { root, apps, categories, diagnostics };
}

/**
 * The top of the registry: `schema/categories.yaml` parsed, the app folders under `apps/`
 * (sorted; all, or those in `onlyApps`), and the layout problems of `apps/` itself.
 *
 * @throws Error when `root/apps` or the category list cannot be read.
 */
export function listRegistry(
  root: string,
  onlyApps?: ReadonlySet<string>,
): { categories: ParsedYaml; ids: string[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const categories = parseManifestText(CATEGORIES_FILE, readFileSync(path.join(root, CATEGORIES_FILE), "utf8"));
  const entries = readdirSync(path.join(root, "apps"), { withFileTypes: true });
  const ids: string[] = [];
  for (const entry of entries.sort((a, b) => compareNames(a.name, b.name))) {
    const rel = `apps/${entry.name}`;
    if (entry.name.startsWith(".") || entry.name === "README.md") continue;
    // An app folder named outside the alphabet is still read, so its id rules (app/id-format, pr/near-duplicate-id) report too.
    if (!LAYOUT_NAME.test(entry.name))
      diagnostics.push(
        error(
          "layout/file-name",
          rel,
          undefined,
          `the name '${visibleName(entry.name)}' is outside the layout's alphabet: ASCII letters, digits, '.', '_', '-' and '+', starting with a letter or digit`,
        ),
      );
    if (entry.isSymbolicLink())
      diagnostics.push(error("layout/symlink", rel, undefined, "symbolic links are not allowed in apps/"));
    else if (!entry.isDirectory())
      diagnostics.push(
        error("layout/unexpected-file", rel, undefined, "apps/ holds one folder per app and nothing else"),
      );
    else if (!onlyApps || onlyApps.has(entry.name)) ids.push(entry.name);
  }
  return { categories, ids, diagnostics };
}

/**
 * Reads one app folder `apps/<id>`: its app.yaml, version files (through `read`) and
 * icon; layout problems go to `diagnostics`, among them every symbolic link and every name
 * outside the layout's alphabet at any depth (`checkAppTree`), whose entries are not read. Reads with synchronous calls: one app is a
 * few small files, and a thread reading them in a row is faster than queuing each read.
 */
export function loadApp(
  root: string,
  id: string,
  diagnostics: Diagnostic[],
  read: ReadManifest = readManifest,
): LoadedApp {
  const dir = `apps/${id}`;
  const loaded: LoadedApp = { id, dir, versions: [] };
  const tree = checkAppTree(root, dir);
  diagnostics.push(...tree.diagnostics);
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true }).filter(
    (e) => !tree.refused.has(`${dir}/${e.name}`),
  );
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.name === "app.yml") {
      diagnostics.push(
        error(
          "layout/file-name",
          rel,
          undefined,
          "the app manifest must be named app.yaml",
          `rename ${rel} to ${dir}/app.yaml`,
        ),
      );
    }
  }
  const names = new Set(entries.map((e) => e.name));
  if (names.has("app.yaml")) {
    loaded.app = read(root, `${dir}/app.yaml`, "app");
    const icon = (loaded.app.data as { icon?: unknown } | undefined)?.icon;
    if (typeof icon === "string" && !icon.includes("/") && !icon.startsWith(".") && names.has(icon)) {
      loaded.icon = { file: `${dir}/${icon}`, bytes: readFileSync(path.join(root, dir, icon)) };
    }
  } else {
    diagnostics.push(
      error("layout/missing-app-yaml", dir, undefined, "every app folder needs an app.yaml", `add ${dir}/app.yaml`),
    );
  }
  if (names.has("versions")) loaded.versions = loadVersions(root, dir, diagnostics, read, tree.refused);
  else
    diagnostics.push(
      warning("layout/no-versions", dir, undefined, "the app has no versions/ folder, so nothing can be installed"),
    );
  return loaded;
}

function loadVersions(
  root: string,
  dir: string,
  diagnostics: Diagnostic[],
  read: ReadManifest,
  refused: ReadonlySet<string>,
): LoadedVersion[] {
  const versions: LoadedVersion[] = [];
  const folders: Dirent[] = readdirSync(path.join(root, dir, "versions"), { withFileTypes: true });
  for (const folder of folders.sort((a, b) => compareNames(a.name, b.name))) {
    const rel = `${dir}/versions/${folder.name}`;
    if (refused.has(rel)) continue;
    if (!folder.isDirectory() || folder.isSymbolicLink()) {
      diagnostics.push(
        error(
          "layout/unexpected-file",
          rel,
          undefined,
          "versions/ holds one folder per delivery type (helm, nextcloud, compose, vm)",
        ),
      );
      continue;
    }
    if (!(DELIVERY_TYPES as readonly string[]).includes(folder.name)) {
      diagnostics.push(
        error(
          "layout/unknown-delivery",
          rel,
          undefined,
          `unknown delivery type folder '${folder.name}'; expected one of ${DELIVERY_TYPES.join(", ")}`,
        ),
      );
      continue;
    }
    const files = readdirSync(path.join(root, rel), { withFileTypes: true });
    for (const file of files.sort((a, b) => compareNames(a.name, b.name))) {
      const fileRel = `${rel}/${file.name}`;
      if (refused.has(fileRel)) continue;
      if (!file.isFile() || !file.name.endsWith(".yaml")) {
        const hint = file.name.endsWith(".yml") ? `rename it to ${file.name.slice(0, -4)}.yaml` : undefined;
        diagnostics.push(
          error(
            "layout/unexpected-file",
            fileRel,
            undefined,
            "a delivery folder holds only <version>.yaml files",
            hint,
          ),
        );
        continue;
      }
      versions.push({
        parsed: read(root, fileRel, "version"),
        folder: folder.name as DeliveryType,
        fileVersion: file.name.slice(0, -".yaml".length),
      });
    }
  }
  return versions;
}

/** Locale-independent name order, so output never depends on the machine. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
