import { createHash } from "node:crypto";
import { literalPath, openRepo } from "./open-repo.ts";

/**
 * What Git vouches for in a work tree: the blob id of each file whose content is the one in
 * Git's index, and a digest of each folder whose whole content on disk is.
 */
export interface WorkTree {
  /**
   * Blob id (40 hex digits, 64 in a SHA-256 repository) by path relative to the root. With
   * `folders` asked for, files under a folder that gets a digest are left out (the digest
   * names them; at 10,000 apps the 110,000 ids cost the listing about half its parse and a
   * copy to every validation thread); so may be some files of a folder found spoiled late.
   * A caller hashes what it finds missing ({@link gitBlobId}).
   */
  blobIds: Map<string, string>;
  /**
   * With `folders` asked for: a digest (sha256, hex) of every path, mode and blob id under
   * each folder `<folders>/<name>` whose every entry on disk is a clean, regular tracked file
   * (see {@link listWorkTree}), by `<name>`. Folders holding anything else are left out.
   */
  folders: Map<string, string>;
  /**
   * True when Git vouches for everything under `paths`: every entry in its index a clean,
   * regular file it looks at (tag `H`, stage 0), nothing changed on disk, nothing untracked or
   * ignored, no entry directly in
   * `folders`. Stricter than `git status` (which passes ignored files, assume-unchanged and
   * skip-worktree entries, links and submodules): used to tell that the work tree is the
   * commit's (`sourceCommitOf`), where saying "not clean" only leaves a fact out. Absent
   * when `folders` was not asked for (untracked files were not listed).
   */
  clean?: boolean;
}

/**
 * Git's blob ids of the files under `paths` (repo-relative to `root`) whose working-tree
 * content is the one Git has in its index: `git ls-files --stage`, minus what
 * `--modified` reports as changed (as `git diff-files` does), entries in a merge conflict, symbolic links and
 * submodules, and entries Git is told not to look at (`assume-unchanged`, `skip-worktree`:
 * `git ls-files -v` tags them). So a caller can know a file's content id without reading
 * it. Untracked, changed and conflicted files are left out (hash them with
 * {@link gitBlobId}); an empty result when `root` is not in a Git work tree or Git fails.
 *
 * With `folders` (a repo-relative folder such as `apps`, holding `paths`), also vouches
 * for whole folders one level below it: a folder `<folders>/<name>` gets a digest when every tracked entry
 * under it has a blob id above, and Git lists nothing under it as untracked or ignored
 * (`git ls-files --others --directory`, which also lists empty folders): what is on disk
 * there is then exactly what the digest names, so a result computed from the folder's
 * content can be reused by the digest without reading the folder. The blob ids of the
 * files under such a folder are then left out of `blobIds` (see {@link WorkTree}).
 */
export async function listWorkTree(root: string, paths: readonly string[], folders?: string): Promise<WorkTree> {
  const tree: WorkTree = { blobIds: new Map(), folders: new Map() };
  let clean = true;
  try {
    const git = openRepo(root);
    const specs = ["--", ...paths.map(literalPath)];
    // The index (`--stage`, tagged by `-v`), with after each entry whose file changed on disk
    // (or is gone) a line tagged C (`--modified`: what `git diff-files` reports); beside it,
    // with `folders`, every untracked or ignored path, tagged ? (`--others --directory`, empty
    // folders too). Two processes: the three of before (the index, diff-files, the untracked
    // listing) took longer on two cores, one process doing both walks longer too.
    const [listing, others] = await Promise.all([
      git.raw(["ls-files", "-z", "-v", "--stage", "--modified", ...specs]),
      folders === undefined ? "" : git.raw(["ls-files", "-z", "-v", "--others", "--directory", ...specs]),
    ]);
    // Each line ends in NUL: the untracked paths, then the index entries and changed files
    // (a NUL in front, so every line, the first too, follows one).
    const lines = `\0${others}${listing}`;
    // The paths of the lines tagged `tag` (`? <path>`, `C <mode> <object> <stage> TAB <path>`).
    const tagged = (tag: "?" | "C") => {
      const found: string[] = [];
      const mark = `\0${tag} `;
      for (let at = lines.indexOf(mark); at !== -1; at = lines.indexOf(mark, at + 1)) {
        const end = lines.indexOf("\0", at + 1);
        const line = lines.slice(at + 1, end === -1 ? undefined : end);
        found.push(tag === "?" ? line.slice(2) : line.slice(line.indexOf("\t") + 1));
      }
      return found;
    };
    // Paths under a folder that Git does not vouch for: the folder gets no digest.
    const spoiled = new Set<string>();
    const folderOf = (file: string) => {
      if (folders === undefined || !file.startsWith(`${folders}/`)) return undefined;
      const rest = file.slice(folders.length + 1);
      const slash = rest.indexOf("/");
      // An entry that is the folder itself (a file, link or submodule) spoils it too.
      return slash === -1 ? rest.replace(/\/$/, "") : rest.slice(0, slash);
    };
    // What the changed (C) and untracked (?) lines spoil is known before the index entries are
    // read, so the blob ids of a folder that will get a digest need not be kept.
    const changedFiles = tagged("C");
    const otherFiles = tagged("?");
    for (const file of [...changedFiles, ...otherFiles]) {
      clean = false;
      const folder = folderOf(file);
      if (folder !== undefined) spoiled.add(folder);
    }
    // Git lists its index in path order, so a folder's entries come one after another: each
    // folder is hashed as its entries go by (one that comes back later is spoiled).
    const hashed = new Set<string>();
    // The folder being hashed and what its digest covers so far (hashed at once: one call per folder).
    let current: { folder: string; text: string } | undefined;
    const finish = () => {
      if (current) tree.folders.set(current.folder, createHash("sha256").update(current.text).digest("hex"));
      current = undefined;
    };
    const inside = folders === undefined ? undefined : `${folders}/`;
    let at = 0;
    while (at < lines.length) {
      let end = lines.indexOf("\0", at);
      if (end === -1) end = lines.length;
      const line = lines.slice(at, end);
      at = end + 1;
      // Read above: untracked paths and changed files.
      if (line === "" || line.startsWith("? ") || line.startsWith("C ")) continue;
      // <tag> SP <mode> SP <object> SP <stage> TAB <path>; tag H is a cached file Git looks at.
      const tab = line.indexOf("\t");
      const modeAt = line.indexOf(" ") + 1;
      const objectAt = line.indexOf(" ", modeAt) + 1;
      const stageAt = line.indexOf(" ", objectAt) + 1;
      const file = line.slice(tab + 1);
      const mode = line.slice(modeAt, objectAt - 1);
      const object = line.slice(objectAt, stageAt - 1);
      const regular = mode === "100644" || mode === "100755";
      const cached =
        tab !== -1 &&
        modeAt === 2 &&
        line.charCodeAt(0) === 72 /* H */ &&
        objectAt > modeAt &&
        stageAt > objectAt &&
        line.slice(stageAt, tab) === "0";
      const folder = inside !== undefined && file.startsWith(inside) ? folderOf(file) : undefined;
      if (!cached || !regular || object === "") {
        clean = false;
        if (folder !== undefined) spoiled.add(folder);
        continue;
      }
      if (folder === undefined) {
        tree.blobIds.set(file, object);
        continue;
      }
      // A file that is the folder itself spoils it (so does a folder whose entries come back later).
      if (!file.includes("/", (inside ?? "").length)) {
        spoiled.add(folder);
        clean = false;
      } else if (current?.folder !== folder) {
        finish();
        if (hashed.has(folder)) spoiled.add(folder);
        hashed.add(folder);
        current = { folder, text: "" };
      }
      if (spoiled.has(folder)) tree.blobIds.set(file, object);
      else if (current) current.text += `${file}\0${mode}\0${object}\0`;
    }
    finish();
    for (const file of changedFiles) tree.blobIds.delete(file);
    for (const folder of spoiled) tree.folders.delete(folder);
  } catch {
    tree.blobIds.clear();
    tree.folders.clear();
    clean = false;
  }
  if (folders !== undefined) tree.clean = clean;
  return tree;
}

/**
 * The blob ids of {@link listWorkTree}: by path relative to `root`, for the files under
 * `paths` Git vouches for.
 */
export async function listBlobIds(root: string, paths: readonly string[]): Promise<Map<string, string>> {
  return (await listWorkTree(root, paths)).blobIds;
}

/** The blob id Git gives `bytes`: SHA-1 of `blob <length>\0` followed by the bytes. */
export function gitBlobId(bytes: Uint8Array): string {
  return createHash("sha1").update(`blob ${bytes.length}\0`).update(bytes).digest("hex");
}
