import { literalPath, openRepo } from "./open-repo.ts";

/**
 * Reads files as they are in commit `rev`. Paths that do not exist there (or are not
 * files) are left out of the map; one `ls-tree` finds which exist, then one `git show`
 * per file.
 *
 * @param paths repo-relative POSIX paths
 * @returns file text (UTF-8) by path
 */
export async function readFilesAt(root: string, rev: string, paths: readonly string[]): Promise<Map<string, string>> {
  const texts = new Map<string, string>();
  if (paths.length === 0) return texts;
  const git = openRepo(root);
  const present = await listBlobs(root, rev, paths);
  await Promise.all(present.map(async (path) => texts.set(path, await git.raw(["show", `${rev}:${path}`]))));
  return texts;
}

/**
 * Lists the files (blobs) under the given paths or folders in commit `rev`, recursively.
 *
 * @returns repo-relative POSIX paths, sorted as Git sorts them
 */
export async function listBlobs(root: string, rev: string, paths: readonly string[]): Promise<string[]> {
  if (paths.length === 0) return [];
  const output = await openRepo(root).raw(["ls-tree", "-r", "-z", "--full-tree", rev, "--", ...paths.map(literalPath)]);
  return output
    .split("\0")
    .filter((line) => line.includes("\t"))
    .flatMap((line) => {
      const [meta, path] = line.split("\t");
      return meta?.split(" ")[1] === "blob" && path !== undefined ? [path] : [];
    });
}
