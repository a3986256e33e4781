import { openRepo } from "./open-repo.ts";

/**
 * `git rev-list --count HEAD` in the work tree holding `root`: the number of commits
 * reachable from HEAD, which grows with every merge to main (a local build's serial).
 * Returns undefined when `root` is not in a Git work tree or HEAD has no commit.
 */
export async function countCommits(root: string): Promise<number | undefined> {
  try {
    const out = await openRepo(root).raw(["rev-list", "--count", "HEAD"]);
    const n = Number(out.trim());
    return Number.isSafeInteger(n) && n > 0 ? n : undefined;
  } catch {
    return undefined;
  }
}
