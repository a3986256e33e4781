import { createHash } from "node:crypto";
import { literalPath, openRepo } from "./open-repo.ts";

/**
 * Git's blob ids of the files under `paths` (repo-relative to `root`) whose working-tree
 * content is the one Git has in its index: `git ls-files --stage`, minus what
 * `git diff-files` reports as changed and entries in a merge conflict. So a caller can
 * know a file's content id without reading it. Untracked, changed and conflicted files are
 * left out (hash them with {@link gitBlobId}); an empty map when `root` is not in a Git
 * work tree or Git fails.
 *
 * @returns blob id (40 hex digits, 64 in a SHA-256 repository) by path relative to `root`
 */
export async function listBlobIds(root: string, paths: readonly string[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  try {
    const git = openRepo(root);
    const specs = ["--", ...paths.map(literalPath)];
    const [staged, changed] = await Promise.all([
      git.raw(["ls-files", "--stage", "-z", ...specs]),
      git.raw(["diff-files", "--relative", "--name-only", "-z", ...specs]),
    ]);
    for (const line of staged.split("\0")) {
      // <mode> SP <object> SP <stage> TAB <path>
      const tab = line.indexOf("\t");
      const [mode, object, stage] = line.slice(0, tab).split(" ");
      if (tab === -1 || stage !== "0" || mode === "120000" || object === undefined) continue;
      ids.set(line.slice(tab + 1), object);
    }
    for (const file of changed.split("\0")) ids.delete(file);
  } catch {
    ids.clear();
  }
  return ids;
}

/** The blob id Git gives `bytes`: SHA-1 of `blob <length>\0` followed by the bytes. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
