import type { Archive } from "../../archive/read-archive.ts";
import { error, type Diagnostic } from "../../../report/diagnostic.ts";

/** An unpacked archive whose entries all sit in one top-level folder (a chart, an OpenPitrix package). */
export interface PackageFolder {
  archive: Archive;
  /** The top-level folder, e.g. `wordpress`. */
  top: string;
}

/**
 * Finds the single top-level folder that `helm package` (and OpenPitrix's `op package`,
 * modelled on it) puts every file in. Rule id `<type>/top-folder` when the archive has
 * files at its root or more than one top-level entry.
 *
 * @param ruleId e.g. `helm/top-folder`
 * @param what what the folder holds, for the message, e.g. `the chart`
 */
export function findTopFolder(
  archive: Archive,
  ruleId: string,
  what: string,
): { folder?: PackageFolder; diagnostics: Diagnostic[] } {
  const [top, ...others] = archive.topLevel;
  const rootFile = [...archive.files.keys()].find((path) => !path.includes("/"));
  if (top === undefined || others.length > 0 || rootFile !== undefined) {
    const found = archive.topLevel.length === 0 ? "nothing" : archive.topLevel.map((t) => `'${t}'`).join(", ");
    return {
      diagnostics: [
        error(
          ruleId,
          archive.label,
          undefined,
          `${archive.label} must hold exactly one top-level folder with ${what} in it; found ${found}`,
        ),
      ],
    };
  }
  return { folder: { archive, top }, diagnostics: [] };
}

/** Diagnostic file name of a file in the folder: `wordpress-27.0.0.tgz!wordpress/Chart.yaml`. */
export function fileLabel(folder: PackageFolder, name: string): string {
  return `${folder.archive.label}!${folder.top}/${name}`;
}

/** UTF-8 text of a file in the folder (a leading byte-order mark dropped), or undefined when absent. */
export function readText(folder: PackageFolder, name: string): string | undefined {
  return folder.archive.files
    .get(`${folder.top}/${name}`)
    ?.toString("utf8")
    .replace(/^\uFEFF/, "");
}

/** Names (relative to the folder) of the files under `dir/`, e.g. `templates/`. */
export function filesUnder(folder: PackageFolder, dir: string): string[] {
  const prefix = `${folder.top}/${dir}/`;
  return [...folder.archive.files.keys()]
    .filter((path) => path.startsWith(prefix))
    .map((path) => path.slice(folder.top.length + 1));
}
