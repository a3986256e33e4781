import type { Octokit } from "octokit";
import type { RepoRef } from "./create-octokit.ts";

/**
 * GitHub Discussions through the GraphQL API (docs.github.com/graphql: `createDiscussion`,
 * `Repository.discussions`, `Discussion.reactions(content:)`), one operation per function.
 * The only file that speaks GraphQL about discussions; octokit sends it to `<baseUrl>/graphql`.
 */

/** The hidden marker that ties a discussion to an app, so a re-run finds it instead of creating a second one. */
export function discussionMarker(appId: string): string {
  return `<!-- appshelf-app: ${appId} -->`;
}

/** A discussion as listed: number, page and body (where the marker is). */
export interface ListedDiscussion {
  number: number;
  url: string;
  body: string;
}

/** The repository's node id and the id of the discussion category named `category` (case-insensitive name or slug). */
export async function findCategory(
  octokit: Octokit,
  repo: RepoRef,
  category: string,
): Promise<{ repositoryId: string; categoryId: string | undefined }> {
  const data = await octokit.graphql<{
    repository: { id: string; discussionCategories: { nodes: { id: string; name: string; slug: string }[] } };
  }>(
    `query AppshelfDiscussionCategories($owner: String!, $name: String!) {
      repository(owner: $owner, name: $name) { id discussionCategories(first: 100) { nodes { id name slug } } }
    }`,
    { owner: repo.owner, name: repo.repo },
  );
  const wanted = category.toLowerCase();
  const found = data.repository.discussionCategories.nodes.find(
    (c) => c.name.toLowerCase() === wanted || c.slug.toLowerCase() === wanted,
  );
  return { repositoryId: data.repository.id, categoryId: found?.id };
}

/** Every discussion of a category (all pages, 100 at a time). */
export async function listDiscussions(
  octokit: Octokit,
  repo: RepoRef,
  categoryId: string,
): Promise<ListedDiscussion[]> {
  const all: ListedDiscussion[] = [];
  let after: string | null = null;
  for (;;) {
    const data: {
      repository: {
        discussions: { nodes: ListedDiscussion[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
      };
    } = await octokit.graphql(
      `query AppshelfDiscussions($owner: String!, $name: String!, $categoryId: ID!, $after: String) {
        repository(owner: $owner, name: $name) {
          discussions(first: 100, after: $after, categoryId: $categoryId) { nodes { number url body } pageInfo { hasNextPage endCursor } }
        }
      }`,
      { owner: repo.owner, name: repo.repo, categoryId, after },
    );
    all.push(...data.repository.discussions.nodes);
    if (!data.repository.discussions.pageInfo.hasNextPage) return all;
    after = data.repository.discussions.pageInfo.endCursor;
  }
}

/** Creates a discussion; returns its number and page. */
export async function createDiscussion(
  octokit: Octokit,
  ids: { repositoryId: string; categoryId: string },
  title: string,
  body: string,
): Promise<{ number: number; url: string }> {
  const data = await octokit.graphql<{ createDiscussion: { discussion: { number: number; url: string } } }>(
    `mutation AppshelfCreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
      createDiscussion(input: { repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body }) { discussion { number url } }
    }`,
    { ...ids, title, body },
  );
  return data.createDiscussion.discussion;
}

/** A discussion's 👍 and 👎 reactions and comment count; undefined when it no longer exists. */
export async function readDiscussionCounts(
  octokit: Octokit,
  repo: RepoRef,
  number: number,
): Promise<{ url: string; upvotes: number; downvotes: number; comments: number } | undefined> {
  const data = await octokit.graphql<{
    repository: {
      discussion: {
        url: string;
        comments: { totalCount: number };
        upvotes: { totalCount: number };
        downvotes: { totalCount: number };
      } | null;
    };
  }>(
    `query AppshelfDiscussionCounts($owner: String!, $name: String!, $number: Int!) {
      repository(owner: $owner, name: $name) {
        discussion(number: $number) {
          url
          comments { totalCount }
          upvotes: reactions(content: THUMBS_UP) { totalCount }
          downvotes: reactions(content: THUMBS_DOWN) { totalCount }
        }
      }
    }`,
    { owner: repo.owner, name: repo.repo, number },
  );
  const d = data.repository.discussion;
  return d
    ? { url: d.url, upvotes: d.upvotes.totalCount, downvotes: d.downvotes.totalCount, comments: d.comments.totalCount }
    : undefined;
}

/** True for GitHub's GraphQL answer to a discussion number that does not exist (an error of type NOT_FOUND). */
export function isNotFound(error: unknown): boolean {
  const errors = (error as { errors?: { type?: string }[] } | null)?.errors;
  return Array.isArray(errors) && errors.some((e) => e.type === "NOT_FOUND");
}
