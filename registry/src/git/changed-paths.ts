import { assertRef, literalPath, openRepo } from "./open-repo.ts";

/**
 * The paths under `folder` that differ between commits `from` and `to` (added, modified,
 * deleted, type changed; a rename counts as its old and its new path), in one
 * `git diff --name-only --no-renames -z`, whatever the user's diff settings. Either commit
 * may be the older one.
 *
 * @returns repo-relative POSIX paths
 * @throws Error when a commit is not in the repository (e.g. a shallow clone) or Git fails
 */
export async function changedPaths(root: string, from: string, to: string, folder: string): Promise<string[]> {
  const output = await openRepo(root).raw([
    "diff",
    "--name-only",
    "--no-renames",
    "-z",
    "--no-ext-diff",
    "--no-textconv",
    assertRef(from),
    assertRef(to),
    "--",
    literalPath(folder),
  ]);
  return output.split("\0").filter((p) => p !== "");
}
