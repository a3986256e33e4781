import type { Octokit } from "octokit";
import { httpStatusOf, type RepoRef } from "./create-octokit.ts";

/**
 * A text file of the repository at `ref`, through the contents API (no checkout: the
 * pull request's files are read as data, never run), or undefined when it does not exist.
 *
 * @throws Error for other failures (no access, a folder at that path)
 */
export async function readRepoFile(
  octokit: Octokit,
  repo: RepoRef,
  path: string,
  ref: string,
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data))
      throw new Error(`${path} at ${ref} is not a file`);
    return Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (httpStatusOf(error) === 404) return undefined;
    throw error;
  }
}
