/**
 * GitHub Discussions as the GraphQL API serves them, in memory, for the stand-in's
 * POST /graphql (github-stand-in.ts). It answers the operations of
 * registry/src/github/app-discussions.ts by operation name, with GitHub's shapes: node ids,
 * `https://github.com/<owner>/<repo>/discussions/<n>` URLs, cursor pagination, reaction
 * counts by content, and GitHub's NOT_FOUND error for an unknown discussion number.
 */
import type { GraphqlHandler } from "./github-stand-in.ts";

/** One discussion in the fake. */
export interface FakeDiscussion {
  number: number;
  categoryId: string;
  title: string;
  body: string;
  upvotes: number;
  downvotes: number;
  comments: number;
}

/** The fake's state and its GraphQL handler. */
export interface FakeDiscussions {
  owner: string;
  repo: string;
  categories: { id: string; name: string; slug: string }[];
  discussions: FakeDiscussion[];
  /** Operation names received, in order. */
  operations: string[];
  /** Discussions per page (GitHub: the query's `first`); small values exercise pagination. */
  pageSize: number;
  handle: GraphqlHandler;
}

/** A repository `owner/repo` with discussion categories "Apps" and "General" and no discussions. */
export function fakeDiscussions(owner = "appshelf", repo = "registry"): FakeDiscussions {
  const fake: FakeDiscussions = {
    owner,
    repo,
    categories: [
      { id: "DIC_kwDOApps", name: "Apps", slug: "apps" },
      { id: "DIC_kwDOGeneral", name: "General", slug: "general" },
    ],
    discussions: [],
    operations: [],
    pageSize: 100,
    handle: ({ query, variables }) => {
      const operation = /^\s*(?:query|mutation)\s+(\w+)/.exec(query)?.[1] ?? "";
      fake.operations.push(operation);
      if (variables.owner !== undefined && (variables.owner !== owner || variables.name !== repo)) {
        return {
          data: { repository: null },
          errors: [
            {
              type: "NOT_FOUND",
              path: ["repository"],
              message: `Could not resolve to a Repository with the name '${String(variables.owner)}/${String(variables.name)}'.`,
            },
          ],
        };
      }
      const url = (n: number) => `https://github.com/${owner}/${repo}/discussions/${n}`;
      switch (operation) {
        case "AppshelfDiscussionCategories":
          return { data: { repository: { id: "R_kgDOAppshelf", discussionCategories: { nodes: fake.categories } } } };
        case "AppshelfDiscussions": {
          const inCategory = fake.discussions.filter((d) => d.categoryId === variables.categoryId);
          const start = typeof variables.after === "string" ? Number(variables.after.replace("cursor:", "")) : 0;
          const page = inCategory.slice(start, start + fake.pageSize);
          const end = start + page.length;
          return {
            data: {
              repository: {
                discussions: {
                  nodes: page.map((d) => ({ number: d.number, url: url(d.number), body: d.body })),
                  pageInfo: { hasNextPage: end < inCategory.length, endCursor: page.length ? `cursor:${end}` : null },
                },
              },
            },
          };
        }
        case "AppshelfCreateDiscussion": {
          if (
            variables.repositoryId !== "R_kgDOAppshelf" ||
            !fake.categories.some((c) => c.id === variables.categoryId)
          )
            return {
              data: null,
              errors: [{ type: "NOT_FOUND", message: "Could not resolve to a node with the global id." }],
            };
          const number = fake.discussions.reduce((max, d) => Math.max(max, d.number), 0) + 1;
          fake.discussions.push({
            number,
            categoryId: String(variables.categoryId),
            title: String(variables.title),
            body: String(variables.body),
            upvotes: 0,
            downvotes: 0,
            comments: 0,
          });
          return { data: { createDiscussion: { discussion: { number, url: url(number) } } } };
        }
        case "AppshelfDiscussionCounts": {
          const d = fake.discussions.find((x) => x.number === variables.number);
          if (!d)
            return {
              data: { repository: { discussion: null } },
              errors: [
                {
                  type: "NOT_FOUND",
                  path: ["repository", "discussion"],
                  locations: [{ line: 3, column: 9 }],
                  message: `Could not resolve to a Discussion with the number of ${String(variables.number)}.`,
                },
              ],
            };
          return {
            data: {
              repository: {
                discussion: {
                  url: url(d.number),
                  comments: { totalCount: d.comments },
                  upvotes: { totalCount: d.upvotes },
                  downvotes: { totalCount: d.downvotes },
                },
              },
            },
          };
        }
        default:
          return { errors: [{ message: `the fake does not answer operation '${operation}'` }] };
      }
    },
  };
  return fake;
}
