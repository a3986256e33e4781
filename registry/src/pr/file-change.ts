/**
 * One path a pull request changes between the merge base and head, as Git lists it with
 * rename detection (`git diff --name-status -M`). Copies count as additions and type
 * changes (file <-> symlink) as modifications.
 */
export interface FileChange {
  status: "added" | "modified" | "deleted" | "renamed";
  /** Repo-relative POSIX path at head (for `deleted`: the path that was removed). */
  path: string;
  /** For `renamed`: the path at the merge base. */
  from?: string;
}
