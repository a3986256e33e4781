import { assertRef, openRepo } from "./open-repo.ts";
import { InputError } from "../errors/appshelf-error.ts";

/** The commits a pull-request check compares, as full SHAs. */
export interface PrCommits {
  /** `--base`, e.g. the target branch or the pull request's base SHA. */
  base: string;
  /** `--head` (default `HEAD`). */
  head: string;
  /** The merge base of the two: changes are listed from here, so work merged into the base branch meanwhile is not counted. */
  mergeBase: string;
  /** The commit checked out in the working tree (what validation reads). */
  worktree: string;
}

/**
 * Resolves base and head to commits and finds their merge base.
 *
 * @throws InputError when a ref does not name a commit, the histories share no commit (fetch
 *   with `fetch-depth: 0`), or `root` is not a Git work tree
 */
export async function resolveCommits(root: string, baseRef: string, headRef = "HEAD"): Promise<PrCommits> {
  const git = openRepo(root);
  const commit = async (ref: string): Promise<string> => {
    const sha = await git
      .raw(["rev-parse", "--verify", "--quiet", "--end-of-options", `${assertRef(ref)}^{commit}`])
      .catch(() => "");
    if (!/^[0-9a-f]{40,64}$/.test(sha.trim()))
      throw new InputError(
        "input/git",
        `'${ref}' is not a commit in ${root} (is the history fetched? CI needs fetch-depth: 0)`,
      );
    return sha.trim();
  };
  const prefix = (
    await git.raw(["rev-parse", "--show-prefix"]).catch(() => {
      throw new InputError("input/git", `${root} is not inside a Git work tree`);
    })
  ).trim();
  if (prefix !== "")
    throw new InputError(
      "input/git",
      `--root must be the top folder of the Git work tree, not its subfolder ${prefix}`,
    );
  const [base, head, worktree] = [await commit(baseRef), await commit(headRef), await commit("HEAD")];
  const mergeBase = (await git.raw(["merge-base", base, head]).catch(() => "")).trim();
  if (mergeBase === "")
    throw new InputError(
      "input/git",
      `${baseRef} and ${headRef} have no common history (is the history fetched? CI needs fetch-depth: 0)`,
    );
  return { base, head, mergeBase, worktree };
}
