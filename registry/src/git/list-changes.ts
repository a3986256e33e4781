import type { FileChange } from "../pr/file-change.ts";
import { openRepo } from "./open-repo.ts";
import { parseNameStatus } from "./parse-name-status.ts";

/**
 * Lists what changed from commit `from` to commit `to` (full SHAs), with rename
 * detection (`git diff --name-status -M -z`), whatever the user's diff settings.
 */
export async function listChanges(root: string, from: string, to: string): Promise<FileChange[]> {
  const output = await openRepo(root).raw([
    "diff",
    "--name-status",
    "-z",
    "-M",
    "--no-ext-diff",
    "--no-textconv",
    "--no-color",
    from,
    to,
    "--",
  ]);
  return parseNameStatus(output);
}
