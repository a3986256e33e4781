import type { FileChange } from "../pr/file-change.ts";

/**
 * Parses `git diff --name-status -z` output: `A\0path\0`, `M\0path\0`, `D\0path\0`,
 * `T\0path\0`, `R<score>\0from\0to\0`, `C<score>\0from\0to\0`. Copies become additions,
 * type changes modifications.
 *
 * @throws Error on a status letter Git should not print for two commits (`U`, `X`)
 */
export function parseNameStatus(output: string): FileChange[] {
  const fields = output.split("\0");
  const changes: FileChange[] = [];
  for (let i = 0; i < fields.length; ) {
    const status = fields[i++] ?? "";
    if (status === "") continue;
    const path = fields[i++] ?? "";
    const letter = status[0];
    if (letter === "R" || letter === "C") {
      const to = fields[i++] ?? "";
      changes.push(letter === "R" ? { status: "renamed", path: to, from: path } : { status: "added", path: to });
    } else if (letter === "A") changes.push({ status: "added", path });
    else if (letter === "D") changes.push({ status: "deleted", path });
    else if (letter === "M" || letter === "T") changes.push({ status: "modified", path });
    else throw new Error(`unexpected git status '${status}' for ${path}`);
  }
  return changes;
}
