import { simpleGit, type SimpleGit } from "simple-git";

/** A Git client for the repository whose work tree is `root`. */
export function openRepo(root: string): SimpleGit {
  return simpleGit({ baseDir: root });
}

/** A pathspec that matches exactly `path` (and what is under it), never as a glob pattern. */
export function literalPath(path: string): string {
  return `:(literal)${path}`;
}

/**
 * Refuses a ref that Git could read as an option (leading `-`) or that holds spaces or
 * control characters.
 *
 * @throws Error naming the bad ref
 */
export function assertRef(ref: string): string {
  if (ref === "" || ref.startsWith("-") || /[\s\x00-\x1f\x7f]/.test(ref)) throw new Error(`'${ref}' is not a Git revision`);
  return ref;
}
