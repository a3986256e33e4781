import { simpleGit, type SimpleGit } from "simple-git";
import { InputError } from "../errors/appshelf-error.ts";

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
 * @throws InputError naming the bad ref
 */
export function assertRef(ref: string): string {
  if (ref === "" || ref.startsWith("-") || /[\s\x00-\x1f\x7f]/.test(ref))
    throw new InputError("input/git", `'${ref}' is not a Git revision`);
  return ref;
}
