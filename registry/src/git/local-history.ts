import { assertRef, openRepo } from "./open-repo.ts";

/**
 * Writes a local Git history for replays (the lifecycle demo and its test): a new
 * repository, commits by a named author at a given time, branches and merges. Every
 * setting a commit needs is set in the repository itself (no global Git config assumed,
 * no signing, no hooks). Not used on real registries.
 */
export interface LocalHistory {
  root: string;
  /** Stages everything and commits on the current branch, authored by `author` at `at` (ISO 8601); returns the new commit's SHA. */
  commitAll(message: string, author: string, at: string): Promise<string>;
  /** Creates `branch` from the current commit and checks it out. */
  branch(branch: string): Promise<void>;
  checkout(branch: string): Promise<void>;
  /** Merges `branch` into the current branch with a merge commit; returns its SHA. */
  merge(branch: string, message: string): Promise<string>;
  /** SHA of a ref. */
  sha(ref: string): Promise<string>;
}

/**
 * Initialises a repository in `root` on branch `main`.
 *
 * @throws Error when Git is missing or `root` cannot hold a repository
 */
export async function startLocalHistory(root: string): Promise<LocalHistory> {
  const git = openRepo(root);
  await git.init(["--initial-branch=main"]);
  for (const [key, value] of [
    ["user.name", "Appshelf Demo"],
    ["user.email", "demo@appshelf.invalid"],
    ["commit.gpgsign", "false"],
    ["core.autocrlf", "false"],
    ["merge.ff", "false"],
  ] as const) {
    await git.addConfig(key, value);
  }
  const sha = async (ref: string) => (await git.revparse([assertRef(ref)])).trim();
  return {
    root,
    async commitAll(message, author, at) {
      await git.add(["--all", "."]);
      await git.commit(message, undefined, {
        "--allow-empty": null,
        "--no-verify": null,
        "--author": `${author} <${author}@users.noreply.github.com>`,
        "--date": at,
      });
      return sha("HEAD");
    },
    branch: async (branch) => void (await git.checkoutLocalBranch(assertRef(branch))),
    checkout: async (branch) => void (await git.checkout(assertRef(branch))),
    async merge(branch, message) {
      await git.merge(["--no-ff", "--no-verify", "-m", message, assertRef(branch)]);
      return sha("HEAD");
    },
    sha,
  };
}
