import { changedPaths } from "../git/changed-paths.ts";
import { namesFromTable } from "../names/name-table.ts";
import type { NativeName } from "../names/native-names.ts";
import { readPreviousNames, type PreviousPublish } from "./read-previous-names.ts";
import { scanBaseNames, type LocalArtifacts } from "./scan-base-names.ts";

/** The native names apps hold at the merge base, and how they were read. */
export interface BaseNames {
  names: NativeName[];
  /** `table`: the last publish's signed name table plus the apps changed since; `scan`: every version file read. */
  source: "table" | "scan";
  /** What was read, for the report (the reason, when the table was not used). */
  note: string;
}

/**
 * The native names the apps hold at commit `mergeBase`, as the publish reads them
 * (`nativeNamesOf`, inspected names included). With `previous`, from the last publish's
 * signed name table (see `readPreviousNames`): the table's names for every app unchanged
 * between the table's `source.commit` and the merge base (`namesFromTable`), and the apps
 * changed since, plus the apps the pull request touches, read from the merge base itself
 * (`scanBaseNames`): a few files, whatever the registry's size. Without a table that can be
 * trusted (none given, first publish, bad signature or pin, a commit this clone does not
 * have), every version file of the merge base is read: slower, never fewer names (fails
 * closed), with a note saying why.
 *
 * @param touched app ids the pull request changes (read from the merge base in any case)
 * @throws Error when Git cannot read the merge base
 */
export async function readBaseNames(
  root: string,
  mergeBase: string,
  local: LocalArtifacts,
  touched: ReadonlySet<string>,
  previous?: PreviousPublish,
): Promise<BaseNames> {
  const scanAll = async (why: string): Promise<BaseNames> => ({
    names: await scanBaseNames(root, mergeBase, local),
    source: "scan",
    note: `${why}: every version file of the merge base was read`,
  });
  if (!previous) return scanAll("no previous publish given (--previous)");
  const read = await readPreviousNames(previous);
  if (!read.table || read.commit === undefined) return scanAll(read.note);
  let paths: string[];
  try {
    paths = await changedPaths(root, read.commit, mergeBase, "apps");
  } catch {
    return scanAll(`the name table's commit ${read.commit} is not in this clone (fetch-depth: 0?)`);
  }
  const changed = new Set(touched);
  for (const p of paths) {
    const app = /^apps\/([^/]+)\//.exec(p)?.[1];
    if (app !== undefined) changed.add(app);
  }
  const names = [
    ...namesFromTable(read.table, changed, new Set(paths)),
    ...(await scanBaseNames(root, mergeBase, local, changed)),
  ];
  return {
    names,
    source: "table",
    note: `names from ${read.note}; ${changed.size} app(s) changed since or touched read from the merge base`,
  };
}
