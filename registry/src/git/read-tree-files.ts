import { spawn } from "node:child_process";
import { openRepo } from "./open-repo.ts";

/** A file of a commit: its path and Git blob id. */
export interface TreeFile {
  /** Repo-relative POSIX path. */
  path: string;
  /** Git's blob id (40 hex digits; 64 in a SHA-256 repository). */
  blob: string;
}

/**
 * The files (blobs, no links or submodules) of commit `rev` under the pathspecs, written
 * with their magic (`:(literal)apps/x/versions`; `ls-tree` supports no `glob` magic):
 * one `git ls-tree -r` call, nothing read.
 *
 * @returns files sorted as Git sorts paths
 */
export async function listTreeFiles(root: string, rev: string, pathspecs: readonly string[]): Promise<TreeFile[]> {
  if (pathspecs.length === 0) return [];
  const output = await openRepo(root).raw(["ls-tree", "-r", "-z", "--full-tree", rev, "--", ...pathspecs]);
  return output.split("\0").flatMap((line) => {
    // <mode> SP <type> SP <object> TAB <path>
    const tab = line.indexOf("\t");
    const [mode, type, blob] = line.slice(0, tab).split(" ");
    return tab !== -1 && type === "blob" && mode !== "120000" && blob !== undefined
      ? [{ path: line.slice(tab + 1), blob }]
      : [];
  });
}

/**
 * The bytes of many blobs in one `git cat-file --batch` process (simple-git cannot write
 * to a command's standard input, so Git is started here directly): reading a registry's
 * every version file costs one process, not one per file.
 *
 * @param blobs blob ids (as from {@link listTreeFiles})
 * @returns bytes by blob id; a blob Git does not have is left out
 * @throws Error when Git cannot be started or exits with an error
 */
export async function readBlobs(root: string, blobs: readonly string[]): Promise<Map<string, Buffer>> {
  const wanted = [...new Set(blobs)];
  const found = new Map<string, Buffer>();
  if (wanted.length === 0) return found;
  const git = spawn("git", ["cat-file", "--batch"], { cwd: root, stdio: ["pipe", "pipe", "pipe"] });
  const chunks: Buffer[] = [];
  const errors: Buffer[] = [];
  git.stdout.on("data", (c: Buffer) => chunks.push(c));
  git.stderr.on("data", (c: Buffer) => errors.push(c));
  const done = new Promise<void>((resolve, reject) => {
    git.on("error", reject);
    git.on("close", (code) =>
      code === 0 ? resolve() : reject(new Error(`git cat-file --batch failed: ${Buffer.concat(errors)}`)),
    );
  });
  git.stdin.end(`${wanted.join("\n")}\n`);
  await done;
  const out = Buffer.concat(chunks);
  let at = 0;
  while (at < out.length) {
    const eol = out.indexOf(0x0a, at);
    if (eol === -1) break;
    // `<object> <type> <size>` then the bytes and a line feed, or `<object> missing`
    const [object, type, size] = out.subarray(at, eol).toString("latin1").split(" ");
    at = eol + 1;
    if (type === "missing" || object === undefined || size === undefined) continue;
    const length = Number(size);
    if (type === "blob") found.set(object, Buffer.from(out.subarray(at, at + length)));
    at += length + 1;
  }
  return found;
}
