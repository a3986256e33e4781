import { literalPath, openRepo } from "./open-repo.ts";

/**
 * The commit a build of the work tree at `root` publishes, for index.json's `source.commit`:
 * `HEAD`, but only when `apps/` holds exactly what `HEAD` holds (no staged, unstaged or
 * untracked change under it, `git status --porcelain --untracked-files=all -- apps`), so a
 * table built from the work tree is the table of that commit. Costs one `git status` of
 * `apps/` (about 0.6 s at 10,000 apps x 10 versions); callers start it beside the validation.
 *
 * @returns the full commit id, or undefined outside a Git work tree, without commits, or when `apps/` has changes
 */
export async function sourceCommitOf(root: string): Promise<string | undefined> {
  try {
    const git = openRepo(root);
    const prefix = (await git.raw(["rev-parse", "--show-prefix"])).trim();
    if (prefix !== "") return undefined;
    const head = (await git.raw(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])).trim();
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) return undefined;
    const status = await git.raw(["status", "--porcelain", "--untracked-files=all", "--", literalPath("apps")]);
    return status.trim() === "" ? head : undefined;
  } catch {
    return undefined;
  }
}
