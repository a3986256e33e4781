import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { error, warning, type Diagnostic } from "../report/diagnostic.ts";
import { DELIVERY_TYPES, type DeliveryType } from "./types.ts";
import { parseYaml, type ParsedYaml } from "./parse-yaml.ts";

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
  const diagnostics: Diagnostic[] = [];
  const categories = parseYaml(CATEGORIES_FILE, await readFile(path.join(root, CATEGORIES_FILE), "utf8"));
  const entries = await readdir(path.join(root, "apps"), { withFileTypes: true });
  const ids: string[] = [];
  for (const entry of entries.sort((a, b) => compareNames(a.name, b.name))) {
    const rel = `apps/${entry.name}`;
    if (entry.name.startsWith(".") || entry.name === "README.md") continue;
    if (entry.isSymbolicLink()) diagnostics.push(error("layout/symlink", rel, undefined, "symbolic links are not allowed in apps/"));
    else if (!entry.isDirectory()) diagnostics.push(error("layout/unexpected-file", rel, undefined, "apps/ holds one folder per app and nothing else"));
    else if (!onlyApps || onlyApps.has(entry.name)) ids.push(entry.name);
  }
  const apps = await Promise.all(ids.map((id) => loadApp(root, id, diagnostics)));
  return { root, apps, categories, diagnostics };
}

async function loadApp(root: string, id: string, diagnostics: Diagnostic[]): Promise<LoadedApp> {
  const dir = `apps/${id}`;
  const loaded: LoadedApp = { id, dir, versions: [] };
  const entries = await readdir(path.join(root, dir), { withFileTypes: true });
  for (const entry of entries) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isSymbolicLink()) diagnostics.push(error("layout/symlink", rel, undefined, "symbolic links are not allowed in an app folder"));
    else if (entry.name === "app.yml") {
      diagnostics.push(error("layout/file-name", rel, undefined, "the app manifest must be named app.yaml", `rename ${rel} to ${dir}/app.yaml`));
    }
  }
  const names = new Set(entries.filter((e) => !e.isSymbolicLink()).map((e) => e.name));
  if (names.has("app.yaml")) {
    loaded.app = parseYaml(`${dir}/app.yaml`, await readFile(path.join(root, dir, "app.yaml"), "utf8"));
    const icon = (loaded.app.data as { icon?: unknown } | undefined)?.icon;
    if (typeof icon === "string" && !icon.includes("/") && !icon.startsWith(".") && names.has(icon)) {
      loaded.icon = { file: `${dir}/${icon}`, bytes: await readFile(path.join(root, dir, icon)) };
    }
  } else {
    diagnostics.push(error("layout/missing-app-yaml", dir, undefined, "every app folder needs an app.yaml", `add ${dir}/app.yaml`));
  }
  if (names.has("versions")) loaded.versions = await loadVersions(root, dir, diagnostics);
  else diagnostics.push(warning("layout/no-versions", dir, undefined, "the app has no versions/ folder, so nothing can be installed"));
  return loaded;
}

async function loadVersions(root: string, dir: string, diagnostics: Diagnostic[]): Promise<LoadedVersion[]> {
  const versions: LoadedVersion[] = [];
  const folders = await readdir(path.join(root, dir, "versions"), { withFileTypes: true });
  for (const folder of folders.sort((a, b) => compareNames(a.name, b.name))) {
    const rel = `${dir}/versions/${folder.name}`;
    if (!folder.isDirectory() || folder.isSymbolicLink()) {
      diagnostics.push(error("layout/unexpected-file", rel, undefined, "versions/ holds one folder per delivery type (helm, nextcloud, compose, vm)"));
      continue;
    }
    if (!(DELIVERY_TYPES as readonly string[]).includes(folder.name)) {
      diagnostics.push(error("layout/unknown-delivery", rel, undefined, `unknown delivery type folder '${folder.name}'; expected one of ${DELIVERY_TYPES.join(", ")}`));
      continue;
    }
    const files = await readdir(path.join(root, rel), { withFileTypes: true });
    for (const file of files.sort((a, b) => compareNames(a.name, b.name))) {
      const fileRel = `${rel}/${file.name}`;
      if (!file.isFile() || !file.name.endsWith(".yaml")) {
        const hint = file.name.endsWith(".yml") ? `rename it to ${file.name.slice(0, -4)}.yaml` : undefined;
        diagnostics.push(error("layout/unexpected-file", fileRel, undefined, "a delivery folder holds only <version>.yaml files", hint));
        continue;
      }
      const text = await readFile(path.join(root, fileRel), "utf8");
      versions.push({ parsed: parseYaml(fileRel, text), folder: folder.name as DeliveryType, fileVersion: file.name.slice(0, -".yaml".length) });
    }
  }
  return versions;
}

/** Locale-independent name order, so output never depends on the machine. */
function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
