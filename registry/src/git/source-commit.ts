import { literalPath, openRepo } from "./open-repo.ts";

/**
 * The commit a build of the work tree at `root` publishes, for index.json's `source.commit`:
 * `HEAD`, but only when `apps/` holds exactly what `HEAD` holds (no staged, unstaged or
 * untracked change under it), so a table built from the work tree is the table of that commit.
 *
 * Staged changes: `git diff-index --cached --name-only HEAD -- apps` (the index against the
 * commit; reads no file). The work tree against the index: `workTreeClean` when the caller's
 * validation listed the whole of `apps/` already (`RegistryDiagnostics.workTreeClean`, from
 * `listWorkTree`, which is stricter than `git status`: an ignored file, a link or an entry Git
 * is told not to look at also count as a change), else one
 * `git status --porcelain --untracked-files=all -- apps` (about 0.6 s at 10,000 apps x 10
 * versions, as much again as the listing). Callers start it beside the validation and pass
 * the validation's answer as a promise (resolving to undefined when it has none).
 *
 * @param workTreeClean whether Git vouches for everything under `apps/`; undefined to ask `git status`
 * @returns the full commit id, or undefined outside a Git work tree, without commits, or when `apps/` has changes
 */
export async function sourceCommitOf(
  root: string,
  workTreeClean: Promise<boolean | undefined> = Promise.resolve(undefined),
): Promise<string | undefined> {
  // Handled at once: a validation that fails early must not leave a rejection unhandled while Git runs.
  const listed = workTreeClean.catch(() => false);
  try {
    const git = openRepo(root);
    const prefix = (await git.raw(["rev-parse", "--show-prefix"])).trim();
    if (prefix !== "") return undefined;
    const head = (await git.raw(["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])).trim();
    if (!/^[0-9a-f]{40}([0-9a-f]{24})?$/.test(head)) return undefined;
    const staged = await git.raw(["diff-index", "--cached", "--name-only", "-z", head, "--", literalPath("apps")]);
    if (staged !== "") return undefined;
    const clean = await listed;
    if (clean !== undefined) return clean ? head : undefined;
    const status = await git.raw(["status", "--porcelain", "--untracked-files=all", "--", literalPath("apps")]);
    return status.trim() === "" ? head : undefined;
  } catch {
    return undefined;
  }
}
