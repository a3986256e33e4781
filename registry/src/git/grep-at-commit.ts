import { openRepo } from "./open-repo.ts";

/** One matching line. */
export interface GrepHit {
  /** Repo-relative POSIX path. */
  path: string;
  text: string;
}

/**
 * Lines matching `pattern` (a POSIX extended regular expression, `git grep -E`) in the files
 * of commit `rev` under the glob `pathspec` (e.g. `apps/*\/versions/helm/*.yaml`). One Git
 * call over the whole tree: how a base-branch-wide fact (every declared chart name) is read
 * without reading every file. No match is an empty list.
 */
export async function grepAt(root: string, rev: string, pattern: string, pathspec: string): Promise<GrepHit[]> {
  let output = "";
  try {
    output = await openRepo(root).raw(["grep", "-z", "-I", "-E", "-e", pattern, rev, "--", `:(glob)${pathspec}`]);
  } catch (error) {
    // git grep exits 1 when nothing matches; simple-git then throws with empty output.
    if (/exit code 1|^$/.test(String((error as Error).message).trim())) return [];
    throw error;
  }
  return output
    .split("\n")
    .filter((line) => line !== "")
    .flatMap((line) => {
      // `<rev>:<path>\0<line>`
      const [where, text] = line.split("\0");
      if (where === undefined || text === undefined || !where.startsWith(`${rev}:`)) return [];
      return [{ path: where.slice(rev.length + 1), text }];
    });
}
