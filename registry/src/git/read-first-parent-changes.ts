import { parseNameStatus } from "./parse-name-status.ts";
import { assertRef, literalPath, openRepo } from "./open-repo.ts";

/** One first-parent commit with the files it changed against its first parent. */
export interface FirstParentCommit {
  sha: string;
  changes: { path: string; status: "added" | "modified" | "deleted" }[];
}

/**
 * The first-parent history of `ref` touching `under`, oldest first, each commit with its
 * changes against its first parent (`git log --first-parent --diff-merges=first-parent
 * --name-status`): a merge commit stands for the whole pull request it merged. A rename is
 * a deletion of the old path and an addition of the new one.
 *
 * @throws Error when Git fails (not a repository, unknown ref)
 */
export async function readFirstParentChanges(root: string, ref: string, under: string): Promise<FirstParentCommit[]> {
  const out = await openRepo(root).raw([
    "log",
    "--first-parent",
    "--diff-merges=first-parent",
    "--reverse",
    "--no-renames",
    "--name-status",
    "-z",
    "--format=%x01%H",
    assertRef(ref),
    "--",
    literalPath(under),
  ]);
  const commits: FirstParentCommit[] = [];
  for (const chunk of out.split("\x01")) {
    if (chunk.trim() === "") continue;
    const sha = chunk.slice(0, 40);
    if (!/^[0-9a-f]{40}$/.test(sha)) throw new Error(`unexpected git log output: '${chunk.slice(0, 60)}'`);
    const body = chunk.slice(40).replace(/^[\n\0]+/, "");
    const changes = parseNameStatus(body).flatMap((c): FirstParentCommit["changes"] =>
      c.status === "renamed"
        ? [
            { path: c.from ?? "", status: "deleted" },
            { path: c.path, status: "added" },
          ]
        : [{ path: c.path, status: c.status }],
    );
    commits.push({ sha, changes });
  }
  return commits;
}
